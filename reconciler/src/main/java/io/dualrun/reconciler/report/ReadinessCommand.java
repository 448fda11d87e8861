package io.dualrun.reconciler.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dualrun report readiness [--url URL] [--format md|csv|json] [--workflow W]}: the cutover
 * readiness table. Exit code 0 when printed (with a warning on standard error when the answer was
 * partly read from copies that may lag); 1 with one line on standard error when the reconciler
 * cannot answer.
 */
@Command(
    name = "readiness",
    mixinStandardHelpOptions = true,
    description = "Print the cutover readiness of every workflow (or one).")
public final class ReadinessCommand implements Callable<Integer> {
  public static final String DEFAULT_URL = ReconcilerOptions.DEFAULT_URL;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ReconcilerOptions reconciler;

  @Option(
      names = "--format",
      defaultValue = "md",
      paramLabel = "FORMAT",
      converter = ReadinessFormat.Converter.class,
      description = "md (Markdown table, default), csv (RFC 4180) or json.")
  ReadinessFormat format;

  @Option(names = "--workflow", paramLabel = "W", description = "Only this workflow.")
  String workflow;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ReconcilerReader reader = reconciler.reader();
      List<ReadinessRow> rows = new ReadinessClient(reader).fetch(workflow);
      out.print(format.render(rows));
      out.flush();
      reader.warnIfStale(spec.commandLine().getErr(), "report readiness");
      return 0;
    } catch (ReportException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("report readiness: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
