package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.service.lifecycle.ServiceHost;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OpenLineage Java client, with its HTTP transport pointed at our endpoint, emits what an
 * integration emits; the mapped records are read back from the real broker and registry.
 */
class LineageIT {
  static LocalPlatform platform;
  static ServiceHost ingest;
  static OpenLineageClient client;
  static final OpenLineage OL = new OpenLineage(URI.create("https://example.test/dualrun-it"));

  @BeforeAll
  static void start() {
    platform = LocalPlatform.startEphemeral();
    ingest = IngestServer.start(IngestService.start(PlatformIngest.config(platform, Map.of())));
    int port = ingest.port();
    HttpConfig http = new HttpConfig();
    http.setUrl(URI.create("http://127.0.0.1:" + port));
    http.setEndpoint("api/v1/lineage");
    ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
    auth.setApiKey(PlatformIngest.TOKEN);
    http.setAuth(auth);
    client = OpenLineageClient.builder().transport(new HttpTransport(http)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (ingest != null) {
      ingest.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void startCompleteAndFailEventsReachTheTopicsMapped() {
    UUID good = UUID.randomUUID();
    UUID bad = UUID.randomUUID();
    ZonedDateTime nominal = ZonedDateTime.parse("2026-11-20T07:00:00Z");
    client.emit(event(OpenLineage.RunEvent.EventType.START, good, nominal, null, List.of()));
    client.emit(
        event(
            OpenLineage.RunEvent.EventType.COMPLETE, good, nominal, null, List.of(output(1200L))));
    client.emit(
        event(
            OpenLineage.RunEvent.EventType.FAIL, bad, nominal.plusDays(1), "disk full", List.of()));
    client.emit(unmappedEvent());

    List<RunEvent> events =
        PlatformIngest.readAll(platform, platform.catalog().runEvents(), 3, Duration.ofSeconds(30))
            .stream()
            .map(ConsumerRecord::value)
            .sorted(Comparator.comparing(RunEvent::getEventTime))
            .toList();
    assertThat(events)
        .extracting(RunEvent::getStatus)
        .containsExactly(RunStatus.STARTED, RunStatus.SUCCEEDED, RunStatus.FAILED);
    assertThat(events).extracting(RunEvent::getWorkflow).containsOnly("revenue-daily");
    assertThat(events).extracting(RunEvent::getSide).containsOnly(Side.CANDIDATE);
    assertThat(events)
        .extracting(RunEvent::getPartition)
        .containsExactly("2026-11-20", "2026-11-20", "2026-11-21");
    assertThat(events.get(2).getError()).isEqualTo("disk full");
    assertThat(events.get(2).getRunId()).isEqualTo(bad.toString());

    List<ConsumerRecord<String, OutputFingerprint>> fingerprints =
        PlatformIngest.readAll(
            platform, platform.catalog().fingerprints(), 1, Duration.ofSeconds(20));
    assertThat(fingerprints).hasSize(1);
    assertThat(fingerprints.get(0).key()).isEqualTo("revenue-daily/2026-11-20");
    OutputFingerprint f = fingerprints.get(0).value();
    assertThat(f.getRowCount()).isEqualTo(1200L);
    assertThat(f.getOutput()).isEqualTo("analytics.revenue_daily");
    assertThat(f.getSchema$())
        .extracting(c -> c.getName() + ":" + c.getType())
        .containsExactly("id:integer", "amount:decimal");

    var dlq = PlatformIngest.readAll(platform, platform.catalog().dlq(), 1, Duration.ofSeconds(20));
    assertThat(dlq).hasSize(1);
    assertThat(DlqHeaders.get(dlq.get(0).headers(), DlqHeaders.REASON)).contains("unknown_dag");
    assertThat(DlqHeaders.get(dlq.get(0).headers(), DlqHeaders.SOURCE))
        .isEqualTo("http:/api/v1/lineage");
    assertThat(new String(dlq.get(0).value(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("unknown_dag");
  }

  static OpenLineage.RunEvent event(
      OpenLineage.RunEvent.EventType type,
      UUID runId,
      ZonedDateTime nominal,
      String error,
      List<OpenLineage.OutputDataset> outputs) {
    OpenLineage.RunFacetsBuilder facets =
        OL.newRunFacetsBuilder()
            .nominalTime(OL.newNominalTimeRunFacetBuilder().nominalStartTime(nominal).build());
    if (error != null) {
      facets.errorMessage(
          OL.newErrorMessageRunFacetBuilder().message(error).programmingLanguage("java").build());
    }
    return OL.newRunEventBuilder()
        .eventType(type)
        .eventTime(nominal.plusDays(1).plusSeconds(type.ordinal()))
        .run(OL.newRunBuilder().runId(runId).facets(facets.build()).build())
        .job(OL.newJobBuilder().namespace("airflow-prod").name("revenue_daily").build())
        .inputs(List.of())
        .outputs(outputs)
        .build();
  }

  static OpenLineage.OutputDataset output(long rows) {
    return OL.newOutputDatasetBuilder()
        .namespace("postgres://db:5432")
        .name("analytics.revenue_daily")
        .facets(
            OL.newDatasetFacetsBuilder()
                .schema(
                    OL.newSchemaDatasetFacetBuilder()
                        .fields(
                            List.of(
                                OL.newSchemaDatasetFacetFieldsBuilder()
                                    .name("id")
                                    .type("BIGINT")
                                    .build(),
                                OL.newSchemaDatasetFacetFieldsBuilder()
                                    .name("amount")
                                    .type("DECIMAL(12,2)")
                                    .build()))
                        .build())
                .build())
        .outputFacets(
            OL.newOutputDatasetOutputFacetsBuilder()
                .outputStatistics(
                    OL.newOutputStatisticsOutputDatasetFacetBuilder()
                        .rowCount(rows)
                        .size(rows * 40)
                        .build())
                .build())
        .build();
  }

  static OpenLineage.RunEvent unmappedEvent() {
    return OL.newRunEventBuilder()
        .eventType(OpenLineage.RunEvent.EventType.START)
        .eventTime(ZonedDateTime.parse("2026-11-21T07:00:00Z"))
        .run(OL.newRunBuilder().runId(UUID.randomUUID()).build())
        .job(OL.newJobBuilder().namespace("airflow-prod").name("unknown_dag").build())
        .build();
  }
}
