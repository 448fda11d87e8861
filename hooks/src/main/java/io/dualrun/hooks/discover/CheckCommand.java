package io.dualrun.hooks.discover;

import io.dualrun.config.units.Durations;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dualrun inventory check}: an inventory against what has arrived on the topics. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the run-event, fingerprint and dead-letter topics (keys and headers only) and says"
          + " which declared workflows nothing has arrived for, which workflows records arrive for"
          + " that the inventory does not declare, and which OpenLineage jobs no workflow maps"
          + " (their events are dead-lettered).",
      "Exit code 0 when inventory and topics agree, 1 when they differ, 2 on bad input or when"
          + " the topics cannot be read."
    })
public final class CheckCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin InventoryFile inventory;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,…]",
      defaultValue = "localhost:9092",
      description =
          "Kafka bootstrap servers (env DUALRUN_BOOTSTRAP_SERVERS, or kafka.bootstrap-servers in"
              + " the client file; default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "Only records of the last DURATION (e.g. 7d, 12h; default: everything kept).")
  String since;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "How long reading may take (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Inventory inv;
    try {
      inv = inventory.load();
    } catch (InventoryException e) {
      err.println("dualrun inventory check: " + e.getMessage());
      return 2;
    }
    Duration limit = duration("--timeout", timeout, err);
    Duration window = since == null ? null : duration("--since", since, err);
    if (limit == null || (since != null && window == null)) {
      return 2;
    }
    TopicContents observed;
    try {
      observed =
          new TopicObserver(bootstrapServers, limit)
              .read(window == null ? null : Instant.now().minus(window));
    } catch (KafkaException | IllegalStateException e) {
      err.println("dualrun inventory check: cannot read the topics: " + e.getMessage());
      return 2;
    }
    InventoryCheck check = InventoryCheck.of(inv, observed);
    print(check, observed, inv, out);
    out.flush();
    return check.consistent() ? 0 : 1;
  }

  private static Duration duration(String flag, String text, PrintWriter err) {
    Duration d = Durations.parse(text).orElse(null);
    if (d == null || d.isNegative() || d.isZero()) {
      err.println(
          "dualrun inventory check: "
              + flag
              + ": '"
              + text
              + "' is not a positive duration (e.g. 30s, 12h, 7d)");
      return null;
    }
    return d;
  }

  private static void print(InventoryCheck c, TopicContents o, Inventory inv, PrintWriter out) {
    out.printf(
        "%d of %d declared workflows have records (%d pairs)%n",
        c.seen().size(),
        inv.workflows().size(),
        c.seen().values().stream().mapToInt(Integer::intValue).sum());
    if (!c.neverSeen().isEmpty()) {
      out.println("Declared, but nothing has arrived for them (check the hooks and the mapping):");
      c.neverSeen().forEach(w -> out.println("  " + w));
    }
    if (!c.undeclared().isEmpty()) {
      out.println(
          "Records arrive for them, but the inventory does not declare them (reconciled with the"
              + " defaults; declare them with an owner):");
      c.undeclared().forEach((w, n) -> out.println("  " + w + " (" + n + " pairs)"));
    }
    if (!c.unmappedJobs().isEmpty()) {
      out.println(
          "OpenLineage jobs no workflow maps (their events are on the DLQ; map them under"
              + " baseline/candidate with namespace and job):");
      for (Map.Entry<String, Integer> e : c.unmappedJobs().entrySet()) {
        out.println("  " + e.getKey() + " (" + e.getValue() + " events)");
      }
    }
    if (c.consistent()) {
      out.println("The inventory and the topics agree.");
    }
  }
}
