package io.dualrun.hooks.discover;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryException;
import io.dualrun.inventory.ScheduleParity;
import io.dualrun.inventory.WorkflowSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dualrun inventory schedules}: whether both sides' schedules produce the same partitions.
 */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = {
      "Expands both sides' schedules of every workflow over a horizon and says where the"
          + " partitions they produce differ: a partition only one side produces (a DST night, a"
          + " different day boundary), a partition a side produces twice, a constant shift"
          + " (partition offsets that differ), and how often the fire times differ.",
      "Exit code 0 when every workflow's sides agree, 1 when one differs, 2 on bad input."
    })
public final class SchedulesCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin InventoryFile inventory;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First day of the horizon (UTC, yyyy-mm-dd; default: today).")
  LocalDate from;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "400",
      description = "Days of the horizon (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--show",
      paramLabel = "N",
      defaultValue = "5",
      description = "Differing partitions listed per workflow (default: ${DEFAULT-VALUE}).")
  int show;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    Inventory inv;
    try {
      inv = inventory.load();
    } catch (InventoryException e) {
      err.println("dualrun inventory schedules: " + e.getMessage());
      return 2;
    }
    if (days < 1 || days > 3660) {
      err.println("dualrun inventory schedules: --days " + days + " must be 1 to 3660");
      return 2;
    }
    Instant start =
        (from != null ? from : LocalDate.now(ZoneOffset.UTC))
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Duration horizon = Duration.ofDays(days);
    int differing = 0;
    for (WorkflowSpec spec : inv.workflows()) {
      Optional<ScheduleParity.Report> report = ScheduleParity.of(spec, start, horizon);
      if (report.isEmpty()) {
        out.println(spec.id() + ": no schedule on both sides, nothing to compare");
        continue;
      }
      if (!print(spec, report.get())) {
        differing++;
      }
    }
    out.printf(
        "%d of %d workflows have schedules that differ (%d days from %s)%n",
        differing, inv.workflows().size(), days, start.toString().substring(0, 10));
    return differing == 0 ? 0 : 1;
  }

  /** Prints one workflow's report; returns whether its sides agree. */
  private boolean print(WorkflowSpec spec, ScheduleParity.Report r) {
    long later =
        r.fireTimeDeltas().entrySet().stream()
            .filter(e -> !e.getKey().isZero())
            .mapToLong(Map.Entry::getValue)
            .sum();
    if (r.same() && later == 0) {
      out.println(spec.id() + ": same " + r.partitions() + " partitions, same fire times");
      return true;
    }
    out.println(
        spec.id()
            + ": "
            + (r.same() ? "same partitions" : r.differences().size() + " partitions differ")
            + " of "
            + r.partitions());
    r.shift().ifPresent(s -> out.println("  " + s));
    r.differences().stream()
        .limit(show)
        .forEach(d -> out.println("  " + d.partition() + " " + d.kind() + " (" + d.detail() + ")"));
    if (r.differences().size() > show) {
      out.println("  … " + (r.differences().size() - show) + " more");
    }
    r.fireTimeDeltas().entrySet().stream()
        .filter(e -> !e.getKey().isZero())
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.println(
                    "  the candidate fires "
                        + describe(e.getKey())
                        + " than the baseline on "
                        + e.getValue()
                        + " partitions"));
    return r.same();
  }

  private static String describe(Duration d) {
    Duration abs = d.abs();
    String amount =
        abs.toMinutesPart() == 0 && abs.toSecondsPart() == 0
            ? abs.toHours() + "h"
            : abs.toMinutes() + "m";
    return amount + (d.isNegative() ? " earlier" : " later");
  }
}
