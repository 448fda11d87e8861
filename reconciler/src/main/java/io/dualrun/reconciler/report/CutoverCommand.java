package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dualrun cutover}: records that a workflow's candidate is primary from a partition on
 * ({@code --workflow W --from-partition P}), undoes it ({@code --undo}: the baseline is primary
 * again), or says how the workflows that cut over are doing on the candidate alone ({@code
 * --status}). Recording and undoing need a token with the operator role. Exit code 0 when done; 1
 * with one line on standard error otherwise; {@code --status} exits 3 when a rollback is advised.
 */
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    description =
        "Record that a workflow's candidate is now primary (dualrun then watches it alone and says"
            + " when a rollback would be warranted), undo that, or print the status.")
public final class CutoverCommand implements Callable<Integer> {
  /** Exit code of {@code --status} when a rollback is advised for a workflow. */
  static final int ROLLBACK_ADVISED = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ReconcilerOptions reconciler;

  @Option(names = "--workflow", paramLabel = "W", description = "The workflow.")
  String workflow;

  @ArgGroup(exclusive = true)
  Action action = new Action();

  static final class Action {
    @Option(
        names = "--from-partition",
        paramLabel = "P",
        description = "The first partition the candidate runs alone.")
    String fromPartition;

    @Option(names = "--undo", description = "The baseline is primary again.")
    boolean undo;

    @Option(names = "--status", description = "How the workflows that cut over are doing.")
    boolean status;
  }

  @Option(
      names = "--stabilize",
      paramLabel = "DURATION",
      description = "How long to watch the candidate alone (default 28d).")
  String stabilize;

  @Option(names = "--note", description = "Why, who decided, a ticket.")
  String note;

  @Override
  public Integer call() {
    try {
      if (action.status) {
        return status();
      }
      if (workflow == null) {
        throw new ReportException("--workflow is required to record or undo a cutover");
      }
      if (action.undo) {
        reconciler.reader().send("DELETE", "v1/cutovers/" + encode(workflow), null, 204);
        println("undone: the baseline of " + workflow + " is primary again");
        return 0;
      }
      if (action.fromPartition == null) {
        throw new ReportException("--from-partition P is required to record a cutover");
      }
      ObjectNode body = JSON.createObjectNode();
      body.put("workflow", workflow);
      body.put("fromPartition", action.fromPartition);
      if (stabilize != null) {
        body.put("stabilize", stabilize);
      }
      if (note != null) {
        body.put("note", note);
      }
      JsonNode c = reconciler.reader().send("POST", "v1/cutovers", body, 201);
      println(
          workflow
              + " cut over from partition "
              + c.path("fromPartition").asText()
              + "; watched alone until "
              + c.path("stabilizeUntil").asText());
      return 0;
    } catch (ReportException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("cutover: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private int status() throws ReportException {
    ReconcilerReader reader = reconciler.reader();
    JsonNode all =
        workflow == null
            ? reader.get("v1/cutovers")
            : JSON.createArrayNode().add(reader.get("v1/cutovers/" + encode(workflow)));
    boolean rollback = false;
    StringBuilder out = new StringBuilder();
    for (JsonNode c : all) {
      rollback |= c.path("status").asText().equals("ROLLBACK_ADVISED");
      out.append(c.path("workflow").asText())
          .append("  ")
          .append(c.path("status").asText())
          .append("  from ")
          .append(c.path("fromPartition").asText())
          .append(", ")
          .append(c.path("decided").asInt())
          .append(" decided alone, ")
          .append(c.path("mismatches").asInt())
          .append(" MISMATCH, watched until ")
          .append(c.path("stabilizeUntil").asText())
          .append(System.lineSeparator());
      c.path("reasons")
          .forEach(r -> out.append("  - ").append(r.asText()).append(System.lineSeparator()));
    }
    if (all.isEmpty()) {
      out.append("no workflow has cut over").append(System.lineSeparator());
    }
    PrintWriter w = spec.commandLine().getOut();
    w.print(out);
    w.flush();
    reader.warnIfStale(spec.commandLine().getErr(), "cutover");
    return rollback ? ROLLBACK_ADVISED : 0;
  }

  private void println(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
