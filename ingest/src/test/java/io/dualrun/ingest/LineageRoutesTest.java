package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.ingest.lineage.LineageMapper;
import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.service.lifecycle.ServiceHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/lineage} with OpenLineage events shaped as Airflow's provider sends them. */
class LineageRoutesTest {
  static final String TOKEN = "airflow-token-0123456789";
  static final String DAG_RUN_ID = "01935a6e-0d3c-7c39-9b8e-0a1b2c3d4e5f";

  static final String DAG_START =
      """
      {"eventType":"START","eventTime":"2026-11-21T07:00:02.123Z",
       "producer":"https://github.com/apache/airflow/tree/providers-openlineage/2.1.0",
       "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
       "run":{"runId":"%s","facets":{
         "nominalTime":{"nominalStartTime":"2026-11-20T07:00:00Z","nominalEndTime":"2026-11-21T07:00:00Z"}}},
       "job":{"namespace":"airflow-prod","name":"revenue_daily",
              "facets":{"jobType":{"processingType":"BATCH","integration":"AIRFLOW","jobType":"DAG"}}},
       "inputs":[],"outputs":[]}"""
          .formatted(DAG_RUN_ID);

  static final String TASK_COMPLETE =
      """
      {"eventType":"COMPLETE","eventTime":"2026-11-21T07:12:00Z",
       "producer":"https://github.com/apache/airflow/tree/providers-openlineage/2.1.0",
       "run":{"runId":"01935a6e-aaaa-7c39-9b8e-0a1b2c3d4e5f","facets":{
         "nominalTime":{"nominalStartTime":"2026-11-20T07:00:00Z"},
         "parent":{"run":{"runId":"%s"},"job":{"namespace":"airflow-prod","name":"revenue_daily"}},
         "airflow":{"taskInstance":{"try_number":2,"log_url":"http://airflow/log?t=load"},
                    "task":{"task_id":"load"}},
         "processing_engine":{"name":"Airflow","version":"2.10.3"}}},
       "job":{"namespace":"airflow-prod","name":"revenue_daily.load"},
       "inputs":[{"namespace":"postgres://db:5432","name":"raw.orders"},
                 {"namespace":"postgres://db:5432","name":"fx.rates"}],
       "outputs":[{"namespace":"postgres://db:5432","name":"analytics.revenue_daily",
         "facets":{"schema":{"fields":[{"name":"ID","type":"integer"},{"name":"amount","type":"numeric(12,2)"},
                                        {"name":"day","type":"date"}]}},
         "outputFacets":{"outputStatistics":{"rowCount":1200,"size":48000}}},
        {"namespace":"s3://bucket","name":"exports/revenue.csv","facets":{}}]}"""
          .formatted(DAG_RUN_ID);

  FakeSink sink;
  ServiceHost app;
  TestHttp http;
  IngestApi api;

  @BeforeEach
  void start() {
    sink = new FakeSink();
    api = IngestApi.create(IngestRoutesTest.config(64 * 1024, 10), TestInventory.load(), sink);
    app = IngestServer.start(api, 64 * 1024, "127.0.0.1", 0);
    http = new TestHttp("http://127.0.0.1:" + app.port());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void aDagStartBecomesAStartedEventOfTheMappedWorkflow() {
    TestHttp.Answer a = http.post("/api/v1/lineage", DAG_START, TOKEN);

    assertThat(a.status()).as(a.body()).isEqualTo(202);
    RunEvent e = sink.written(Outgoing.Event.class).get(0).event();
    assertThat(e.getWorkflow()).isEqualTo("revenue-daily");
    assertThat(e.getSide()).isEqualTo(Side.CANDIDATE);
    assertThat(e.getOrchestrator()).isEqualTo("airflow");
    assertThat(e.getPartition()).isEqualTo("2026-11-20");
    assertThat(e.getStatus()).isEqualTo(RunStatus.STARTED);
    assertThat(e.getRunId()).isEqualTo(DAG_RUN_ID);
    assertThat(e.getAttempt()).isEqualTo(1);
    assertThat(e.getTask()).isNull();
    assertThat(e.getExpectedOutputs()).as("only a COMPLETE announces outputs").isEmpty();
    assertThat(e.getJobVersion()).as("no sourceCodeLocation facet").isNull();
  }

  @Test
  void theJobsSourceCodeVersionBecomesTheEventsJobVersion() {
    String versioned =
        DAG_START.replace(
            "\"jobType\":{",
            "\"sourceCodeLocation\":{\"type\":\"git\",\"url\":\"https://git.example.com/dags\","
                + "\"version\":\"4f2a9c1\"},\"jobType\":{");
    TestHttp.Answer a = http.post("/api/v1/lineage", versioned, TOKEN);

    assertThat(a.status()).as(a.body()).isEqualTo(202);
    assertThat(sink.written(Outgoing.Event.class).get(0).event().getJobVersion())
        .isEqualTo("4f2a9c1");
  }

  @Test
  void aTaskCompleteBecomesATaskEventOfTheDagRunAndFingerprintsOfItsOutputs() {
    TestHttp.Answer a = http.post("/api/v1/lineage", TASK_COMPLETE, TOKEN);

    assertThat(a.status()).as(a.body()).isEqualTo(202);
    assertThat(a.json().path("fingerprints").asInt()).isEqualTo(1);
    RunEvent e = sink.written(Outgoing.Event.class).get(0).event();
    assertThat(e.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(e.getTask()).isEqualTo("load");
    assertThat(e.getRunId()).isEqualTo(DAG_RUN_ID);
    assertThat(e.getAttempt()).isEqualTo(2);
    assertThat(e.getLogUrl()).isEqualTo("http://airflow/log?t=load");
    assertThat(e.getExpectedOutputs())
        .as("the COMPLETE announces every output dataset, fingerprinted here or not")
        .containsExactly("analytics.revenue_daily", "exports/revenue.csv");
    assertThat(e.getInputs())
        .as("the datasets it read, for the cutover waves")
        .containsExactly("raw.orders", "fx.rates");
    OutputFingerprint f = sink.written(Outgoing.Fingerprint.class).get(0).fingerprint();
    assertThat(f.getOutput()).isEqualTo("analytics.revenue_daily");
    assertThat(f.getRowCount()).isEqualTo(1200);
    assertThat(f.getContentHash()).isNull();
    assertThat(f.getSchema$())
        .containsExactly(
            new ColumnType("id", "integer"),
            new ColumnType("amount", "decimal"),
            new ColumnType("day", "date"));
    assertThat(f.getPartition()).isEqualTo("2026-11-20");
  }

  @Test
  void failAndAbortBecomeFailedWithTheErrorMessage() {
    String fail =
        DAG_START
            .replace("\"START\"", "\"FAIL\"")
            .replace(
                "\"nominalTime\"",
                "\"errorMessage\":{\"message\":\"division by zero\",\"programmingLanguage\":\"python\"},"
                    + "\"nominalTime\"");
    String abort = DAG_START.replace("\"START\"", "\"ABORT\"");
    http.post("/api/v1/lineage", "[" + fail + "," + abort + "]", TOKEN);

    List<RunEvent> events =
        sink.written(Outgoing.Event.class).stream().map(Outgoing.Event::event).toList();
    assertThat(events).extracting(RunEvent::getStatus).containsOnly(RunStatus.FAILED);
    assertThat(events)
        .extracting(RunEvent::getError)
        .containsExactly("division by zero", "the run was aborted");
  }

  @Test
  void runningEventsAreAcceptedAndIgnored() {
    TestHttp.Answer a =
        http.post("/api/v1/lineage", DAG_START.replace("\"START\"", "\"RUNNING\""), TOKEN);

    assertThat(a.status()).isEqualTo(202);
    assertThat(a.json().path("ignored").asInt()).isEqualTo(1);
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void anUnmappedJobIsAcceptedCountedAndKeptOnTheDlqWithTheReason() {
    String unmapped = DAG_START.replace("\"revenue_daily\"", "\"marketing_daily\"");
    TestHttp.Answer a = http.post("/api/v1/lineage", unmapped, TOKEN);

    assertThat(a.status()).isEqualTo(202);
    assertThat(a.json().path("unmapped").asInt()).isEqualTo(1);
    List<Outgoing.DeadLetter> dlq = sink.written(Outgoing.DeadLetter.class);
    assertThat(dlq).hasSize(1);
    assertThat(dlq.get(0).reason()).contains("airflow-prod").contains("marketing_daily");
    assertThat(dlq.get(0).source()).isEqualTo(LineageMapper.SOURCE);
    assertThat(new String(dlq.get(0).body(), StandardCharsets.UTF_8)).contains("marketing_daily");
    assertThat(api.metrics().unmappedCount()).isEqualTo(1.0);
    assertThat(http.get("/metrics").body()).contains("dualrun_ingest_lineage_unmapped_total 1.0");
  }

  @Test
  void anInvalidEventIsRefusedNamingTheFields() {
    String bad =
        DAG_START
            .replace("\"runId\":\"" + DAG_RUN_ID + "\",", "")
            .replace("2026-11-21T07:00:02.123Z", "soon");
    TestHttp.Answer a = http.post("/api/v1/lineage", bad, TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields()).containsExactlyInAnyOrder("run.runId", "eventTime");
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void withoutTokenTheAnswerIs401() {
    assertThat(http.post("/api/v1/lineage", DAG_START, null).status()).isEqualTo(401);
    assertThat(sink.written()).isEmpty();
  }
}
