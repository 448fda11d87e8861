package io.dualrun.hooks.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dualrun inventory check} against a real broker holding records of every kind. */
class InventoryCheckIT {
  @TempDir Path dir;

  @Test
  void namesWhatTheInventoryAndTheTopicsDisagreeOn() throws Exception {
    Path inventory =
        Files.writeString(
            dir.resolve("workflows.yaml"),
            """
            workflows:
              ledger:
                owner: finance
                candidate: {orchestrator: airflow, namespace: airflow-prod, job: ledger}
              quiet:
                owner: finance
            """);
    try (LocalPlatform platform = LocalPlatform.startEphemeral()) {
      try (KafkaProducer<byte[], byte[]> producer = producer(platform.bootstrapServers())) {
        send(producer, TopicCatalog.RUN_EVENTS, "ledger/2026-11-01", null);
        send(producer, TopicCatalog.RUN_EVENTS, "ledger/2026-11-02", null);
        send(producer, TopicCatalog.FINGERPRINTS, "ledger/2026-11-02", null);
        send(producer, TopicCatalog.RUN_EVENTS, "adhoc-export/2026-11-01", null);
        send(producer, TopicCatalog.DLQ, "airflow-prod/unknown_dag", DlqHeaders.LINEAGE_SOURCE);
        send(producer, TopicCatalog.DLQ, "airflow-prod/unknown_dag", DlqHeaders.LINEAGE_SOURCE);
        send(producer, TopicCatalog.DLQ, "ledger/2026-11-03", "http:/v1/events");
        producer.flush();
      }
      String[] run =
          run(
              "--inventory",
              inventory.toString(),
              "--bootstrap-servers",
              platform.bootstrapServers());
      assertThat(run[0]).as(run[2]).isEqualTo("1");
      assertThat(run[1])
          .isEqualTo(
              """
              1 of 2 declared workflows have records (2 pairs)
              Declared, but nothing has arrived for them (check the hooks and the mapping):
                quiet
              Records arrive for them, but the inventory does not declare them (reconciled with \
              the defaults; declare them with an owner):
                adhoc-export (1 pairs)
              OpenLineage jobs no workflow maps (their events are on the DLQ; map them under \
              baseline/candidate with namespace and job):
                airflow-prod/unknown_dag (2 events)
              """);

      String[] unreachable =
          run(
              "--inventory",
              inventory.toString(),
              "--bootstrap-servers",
              "127.0.0.1:1",
              "--timeout",
              "3s");
      assertThat(unreachable[0]).isEqualTo("2");
      assertThat(unreachable[2]).startsWith("dualrun inventory check: cannot read the topics:");
    }
    String[] badSince = run("--inventory", inventory.toString(), "--since", "soon");
    assertThat(badSince[0]).isEqualTo("2");
    assertThat(badSince[2])
        .contains("--since: 'soon' is not a positive duration (e.g. 30s, 12h, 7d)");
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, String source) {
    var record =
        new ProducerRecord<>(
            topic, key.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    if (source != null) {
      record.headers().add(DlqHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8));
    }
    producer.send(record);
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CheckCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
