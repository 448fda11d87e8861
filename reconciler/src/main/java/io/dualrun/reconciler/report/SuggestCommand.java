package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dualrun suggest --workflow W}: prints the inventory patches the reconciler suggests for a
 * workflow's noisy columns ({@code GET /v1/workflows/{w}/suggestions}), each with its evidence as
 * YAML comments; nothing is applied. Exit code 0 (with or without suggestions); 1 with one line on
 * standard error when the reconciler cannot answer.
 */
@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    description =
        "Print the inventory rules the reconciler suggests for a workflow's noisy columns, with"
            + " their evidence (nothing is applied).")
public final class SuggestCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ReconcilerOptions reconciler;

  @Option(names = "--workflow", required = true, paramLabel = "W", description = "The workflow.")
  String workflow;

  @Option(
      names = "--last",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "How many last decided partitions a column must differ in, alone (default:"
              + " ${DEFAULT-VALUE}).")
  int last;

  @Override
  public Integer call() {
    try {
      ReconcilerReader reader = reconciler.reader();
      JsonNode r =
          reader.get(
              "v1/workflows/"
                  + URLEncoder.encode(workflow, StandardCharsets.UTF_8).replace("+", "%20")
                  + "/suggestions?last="
                  + last);
      PrintWriter out = spec.commandLine().getOut();
      JsonNode suggestions = r.path("suggestions");
      if (suggestions.isEmpty()) {
        out.println(
            "# no suggestion for "
                + workflow
                + ": no column differed, alone, in each of its last "
                + last
                + " decided partitions ("
                + r.path("examined").size()
                + " examined)");
      }
      suggestions.forEach(s -> out.print(s.path("patch").asText()));
      out.flush();
      reader.warnIfStale(spec.commandLine().getErr(), "suggest");
      return 0;
    } catch (ReportException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("suggest: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
