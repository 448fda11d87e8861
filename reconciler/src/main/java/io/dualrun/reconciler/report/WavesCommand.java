package io.dualrun.reconciler.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dualrun report waves [--url URL] [--format md|json]}: the proposed cutover waves, read
 * from {@code GET /v1/waves}. Exit code 0 when printed; 1 with one line on standard error when the
 * reconciler cannot answer.
 */
@Command(
    name = "waves",
    mixinStandardHelpOptions = true,
    description =
        "Print the proposed cutover waves: which workflows may cut over now, what holds the others"
            + " back, each one's blast radius, and cycles.")
public final class WavesCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ReconcilerOptions reconciler;

  @Option(
      names = "--format",
      defaultValue = "md",
      paramLabel = "FORMAT",
      description = "md (Markdown table, default) or json (the API's answer).")
  String format;

  @Override
  public Integer call() {
    String f = format.trim().toLowerCase(Locale.ROOT);
    if (!f.equals("md") && !f.equals("json")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format: '" + format + "' is not a format: use md or json");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      ReconcilerReader reader = reconciler.reader();
      JsonNode plan = reader.get("v1/waves");
      out.print(f.equals("json") ? pretty(plan) : markdown(plan));
      out.flush();
      reader.warnIfStale(spec.commandLine().getErr(), "report waves");
      return 0;
    } catch (ReportException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("report waves: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private static String pretty(JsonNode plan) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the waves as JSON", e);
    }
  }

  /** One line per workflow by wave, then the cycles. */
  static String markdown(JsonNode plan) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| Wave | Workflow | Status | Eligible now | Upstream | Blast radius | Blocked by |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (JsonNode w : plan.path("workflows")) {
      List<String> blast = texts(w.path("blastRadius"));
      out.append("| ")
          .append(w.path("wave").asInt())
          .append(" | ")
          .append(cell(w.path("workflow").asText()))
          .append(" | ")
          .append(w.path("status").asText())
          .append(" | ")
          .append(w.path("eligible").asBoolean() ? "yes" : "no")
          .append(" | ")
          .append(cell(String.join(", ", texts(w.path("upstream")))))
          .append(" | ")
          .append(blast.isEmpty() ? "0" : blast.size() + ": " + cell(String.join(", ", blast)))
          .append(" | ")
          .append(cell(String.join("; ", texts(w.path("blockedBy")))))
          .append(" |\n");
    }
    for (JsonNode cycle : plan.path("cycles")) {
      out.append("\nCycle (these read each other's outputs and can only cut over together): ")
          .append(String.join(", ", texts(cycle)))
          .append('\n');
    }
    return out.toString();
  }

  private static String cell(String text) {
    return MarkdownTable.escape(text);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
