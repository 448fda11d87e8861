package io.dualrun.alerting;

import io.dualrun.alerting.fold.SignalMapper;
import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.AlertStatus;
import io.dualrun.alerting.model.Member;
import io.dualrun.alerting.receiver.ReceiverRequest;
import io.dualrun.alerting.render.MessageRenderer;
import io.dualrun.alerting.render.PairLinks;
import java.util.ArrayList;
import java.util.List;

/** Alert emissions for receiver tests. */
public final class Fixtures {
  public static final PairLinks LINKS =
      new PairLinks("http://dash.example:7070/pairs/{workflow}/{partition}");

  private Fixtures() {}

  public static AlertEvent firing(String workflow, int partitions, AlertAction action) {
    List<String> names = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (int day = 1; day <= partitions; day++) {
      names.add(Records.partition(day));
      members.add(
          SignalMapper.fromVerdict(Records.rowCountMismatch(workflow, Records.partition(day), 1))
              .members()
              .get("ROW_COUNT"));
    }
    boolean resolve = action == AlertAction.RESOLVE;
    return new AlertEvent(
        workflow + "/ROW_COUNT",
        workflow,
        "ROW_COUNT",
        "critical",
        "data-platform",
        1,
        resolve ? AlertStatus.RESOLVED : AlertStatus.FIRING,
        action,
        resolve ? 2 : 1,
        Records.T0,
        resolve ? Records.T0.plusSeconds(3600) : null,
        Records.T0.plusSeconds(60),
        partitions,
        names,
        resolve ? List.of() : members,
        resolve ? List.of() : names,
        List.of());
  }

  public static ReceiverRequest outgoing(AlertEvent e) {
    return new ReceiverRequest(
        e,
        new MessageRenderer(LINKS).render(e),
        e.action(),
        e.alertId() + "/v" + e.version(),
        LINKS,
        Records.T0.plusSeconds(120));
  }
}
