package io.dualrun.alerting.model;

import java.time.Instant;
import java.util.Map;

/**
 * An input record reduced to what alerting folds: a verdict revision of a pair (members per finding
 * kind present; kinds absent are resolved for that pair), one freshness breach opened/closed, or an
 * automatic drill-down's result (the one member's {@code rows}).
 */
public record Signal(
    Type type,
    String workflow,
    String partition,
    String owner,
    Integer tier,
    int revision,
    Map<String, Member> members,
    boolean open,
    Instant time) {
  public enum Type {
    VERDICT,
    BREACH,
    /** An automatic drill-down's report: annotates the pair's CONTENT member of that revision. */
    DIFF
  }

  public Signal {
    members = members == null ? Map.of() : Map.copyOf(members);
  }
}
