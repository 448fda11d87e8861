package io.dualrun.hooks.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.inventory.WorkflowSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DiscoverCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    DiscoverCommand command = new DiscoverCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandLine(command)
        .setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  @Test
  void cronToAirflowGivesAValidDraftWithBothSidesMapped() {
    int code =
        run(
            "--baseline",
            "crontab:" + Fixtures.path("crontab"),
            "--candidate",
            "airflow:" + Fixtures.path("airflow-dags-v1.json"));
    assertThat(code).isZero();
    String draft = out.toString(StandardCharsets.UTF_8);
    Inventory inventory = InventoryLoader.parse("draft.yaml", draft);

    WorkflowSpec revenue = inventory.rules("revenue-daily");
    assertThat(revenue.inventoried()).isTrue();
    assertThat(revenue.owner()).isEqualTo("finance-data");
    assertThat(revenue.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(revenue.schedule().expression()).isEqualTo("5 7 * * *");
    assertThat(revenue.baseline().job()).isEqualTo("revenue_daily.sh");
    assertThat(revenue.baseline().partitionOffset()).isEqualTo(Duration.ofDays(-1));
    assertThat(revenue.candidate().orchestrator()).isEqualTo("airflow");
    assertThat(revenue.candidate().job()).isEqualTo("revenue_daily");
    assertThat(revenue.candidate().partitionOffset()).isZero();

    WorkflowSpec customer = inventory.rules("customer-dim");
    assertThat(customer.baseline().job()).isEqualTo("customer_dim.sh");
    assertThat(customer.candidate().job()).isEqualTo("customer_dim_dag");
    assertThat(customer.owner()).isEqualTo("unowned");
    assertThat(inventory.rules("weekly-report").granularity().name()).isEqualTo("WEEK");
    assertThat(inventory.rules("orders-ingest").granularity().name()).isEqualTo("HOUR");
    assertThat(inventory.rules("supplier-feed").candidate().job()).isEqualTo("supplier-feed");

    assertThat(draft)
        .contains("TODO: no source names an owner")
        .contains("TODO: schedules differ: baseline 15 6 * * *, candidate 20 6 * * *")
        .contains("paused")
        .contains("cron tmp_cleanup.sh")
        .contains("airflow ml_feature_store");
    assertThat(inventory.workflows()).hasSize(5);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("5 workflows matched; 2 baseline and 1 candidate jobs without a counterpart");
  }

  @Test
  void cronToKestraMapsNamespacedFlows() {
    assertThat(
            run(
                "-b", "crontab:" + Fixtures.path("crontab"),
                "-n", "kestra:" + Fixtures.path("kestra")))
        .isZero();
    Inventory inventory = InventoryLoader.parse("draft.yaml", out.toString(StandardCharsets.UTF_8));
    assertThat(inventory.workflows())
        .extracting(WorkflowSpec::id)
        .containsExactlyInAnyOrder("revenue-daily", "customer-dim");
    assertThat(inventory.rules("revenue-daily").candidate().job())
        .isEqualTo("company.finance.revenue-daily");
    assertThat(inventory.rules("revenue-daily").candidate().partitionOffset())
        .isEqualTo(Duration.ofDays(-1));
  }

  @Test
  void badSourcesAreUsageErrorsNamingTheValue() {
    assertThat(run("--baseline", "cron:/etc/crontab", "--candidate", "kestra:/x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("'cron' is not one of crontab, airflow, airflow-dags, kestra");
  }

  @Test
  void matcherNormalisesNamesAndKeepsDissimilarJobsApart() {
    assertThat(JobMatcher.normalise("/opt/jobs/Revenue-Daily_v2.sh")).isEqualTo("revenue_daily");
    assertThat(JobMatcher.normalise("customer_dim_dag")).isEqualTo("customer_dim");
    assertThat(JobMatcher.similarity("tmp_cleanup.sh", "ml_feature_store"))
        .isLessThan(JobMatcher.THRESHOLD);
    var a = new DiscoveredJob("cron", "a_b.sh", null, null, null, null, "f:1", List.of());
    var b = new DiscoveredJob("airflow", "a_b", null, null, null, null, "g", List.of());
    var c = new DiscoveredJob("airflow", "a_b_c", null, null, null, null, "g", List.of());
    JobMatcher.Result r = JobMatcher.match(List.of(a), List.of(c, b));
    assertThat(r.matches()).singleElement().satisfies(m -> assertThat(m.candidate()).isEqualTo(b));
    assertThat(r.candidateOnly()).containsExactly(c);
  }
}
