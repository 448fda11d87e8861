package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dualrun waive add|list|remove}: accepted differences, recorded through the reconciler's
 * REST API ({@code /v1/waivers}; adding and removing need a token with the operator role). Exit
 * code 0 when done; 1 with one line on standard error naming every refused field, or why the
 * reconciler did not answer.
 */
@Command(
    name = "waive",
    mixinStandardHelpOptions = true,
    description = "Record, list and remove waivers: differences accepted on purpose.",
    subcommands = {
      WaiveCommand.Add.class,
      WaiveCommand.ListWaivers.class,
      WaiveCommand.Remove.class
    })
public final class WaiveCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name one: add, list, remove");
  }

  private static int fail(CommandLine.Model.CommandSpec spec, ReportException e) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("waive " + spec.name() + ": " + e.getMessage());
    err.flush();
    return 1;
  }

  /** {@code dualrun waive add}: records one waiver and prints its id. */
  @Command(
      name = "add",
      description =
          "Record a waiver: the findings it covers no longer make their pair a MISMATCH (a pair"
              + " whose findings are all covered is MATCH_WITH_WAIVER).")
  static final class Add implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ReconcilerOptions reconciler;

    @Option(names = "--workflow", required = true, paramLabel = "W", description = "Workflow id.")
    String workflow;

    @Option(names = "--output", paramLabel = "OUTPUT", description = "Only this output.")
    String output;

    @Option(names = "--column", paramLabel = "COLUMN", description = "Only this column.")
    String column;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description =
            "Only this kind of finding: STATUS, OUTPUT_MISSING, ROW_COUNT, CONTENT, SCHEMA,"
                + " COLUMN_STAT, DURATION.")
    String kind;

    @Option(
        names = "--partition",
        paramLabel = "GLOB",
        description = "Only partitions matching this glob (* and ?), e.g. 2026-12-*. Repeatable.")
    List<String> partitions = new ArrayList<>();

    @Option(names = "--owner", required = true, description = "Who accepts the difference.")
    String owner;

    @Option(names = "--reason", required = true, description = "Why it is accepted.")
    String reason;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        description = "A date (2027-01-31: ends when that day begins, UTC) or an ISO instant.")
    String expires;

    @Option(
        names = "--version",
        paramLabel = "VERSION",
        description = "Only while the candidate's runs report this job version.")
    String version;

    @Option(names = "--id", description = "The waiver's id (default: a new one).")
    String id;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
      ObjectNode body = JSON.createObjectNode();
      putIf(body, "id", id);
      body.put("workflow", workflow);
      putIf(body, "output", output);
      putIf(body, "column", column);
      putIf(body, "kind", kind);
      if (!partitions.isEmpty()) {
        partitions.forEach(body.putArray("partitions")::add);
      }
      body.put("owner", owner);
      body.put("reason", reason);
      putIf(body, "expiresAt", expires);
      putIf(body, "version", version);
      try {
        JsonNode w = reconciler.reader().send("POST", "v1/waivers", body, 201);
        PrintWriter out = spec.commandLine().getOut();
        out.println(w.path("id").asText() + "\t" + WaiverTable.scope(w));
        out.flush();
        return 0;
      } catch (ReportException e) {
        return fail(spec, e);
      }
    }

    private static void putIf(ObjectNode body, String field, String value) {
      if (value != null) {
        body.put(field, value);
      }
    }
  }

  /** {@code dualrun waive list}: the waivers as a table (or JSON). */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the waivers.")
  static final class ListWaivers implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ReconcilerOptions reconciler;

    @Option(names = "--workflow", paramLabel = "W", description = "Only this workflow's.")
    String workflow;

    @Option(names = "--json", description = "The reconciler's JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
      try {
        JsonNode all =
            reconciler
                .reader()
                .get(
                    workflow == null
                        ? "v1/waivers"
                        : "v1/waivers?workflow="
                            + URLEncoder.encode(workflow, StandardCharsets.UTF_8));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? all.toPrettyString() + System.lineSeparator() : WaiverTable.render(all));
        out.flush();
        return 0;
      } catch (ReportException e) {
        return fail(spec, e);
      }
    }
  }

  /** {@code dualrun waive remove ID}: deletes a waiver; pairs decided later no longer use it. */
  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a waiver.")
  static final class Remove implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ReconcilerOptions reconciler;

    @Parameters(paramLabel = "ID", description = "The waiver's id.")
    String id;

    @Override
    public Integer call() {
      try {
        reconciler
            .reader()
            .send(
                "DELETE", "v1/waivers/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, 204);
        return 0;
      } catch (ReportException e) {
        return fail(spec, e);
      }
    }
  }
}
