package io.dualrun.hooks.discover;

import static io.dualrun.hooks.discover.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerDefinitionsTest {
  @Test
  void airflow2DagListGivesCronSchedulesOwnersAndNotes() {
    List<DiscoveredJob> dags = AirflowDagList.read(Fixtures.path("airflow-dags-v1.json"));
    assertThat(dags).hasSize(6);
    assertThat(job(dags, "revenue_daily").cron()).isEqualTo("5 7 * * *");
    assertThat(job(dags, "revenue_daily").owner()).isEqualTo("finance-data");
    assertThat(job(dags, "customer_dim_dag").owner()).as("airflow is no owner").isNull();
    assertThat(job(dags, "orders_ingest").cron()).isEqualTo("0 * * * *");
    assertThat(job(dags, "weekly_report").notes()).anyMatch(n -> n.contains("paused"));
    assertThat(job(dags, "supplier-feed").cron()).isNull();
    assertThat(job(dags, "supplier-feed").notes()).anyMatch(n -> n.contains("TimeDelta"));
    assertThat(job(dags, "ml_feature_store").notes()).anyMatch(n -> n.contains("no schedule"));
  }

  @Test
  void airflow3DagListReadsTheTimetableSummary() {
    List<DiscoveredJob> dags = AirflowDagList.read(Fixtures.path("airflow-dags-v2.json"));
    assertThat(job(dags, "kpi_dashboard").cron()).isEqualTo("0 0 * * *");
    assertThat(job(dags, "events_stream").cron()).isNull();
    assertThat(job(dags, "events_stream").notes()).anyMatch(n -> n.contains("'Dataset'"));
  }

  @Test
  void somethingElseThanADagListIsRefusedNamingTheFile() throws Exception {
    var json = new ObjectMapper().readTree("{\"items\": []}");
    assertThatThrownBy(() -> AirflowDagList.parse("x.json", json))
        .hasMessageContaining("x.json")
        .hasMessageContaining("dags");
  }

  @Test
  void kestraFlowsGiveNamespacedIdsScheduleTriggersAndLabels() {
    List<DiscoveredJob> flows = KestraFlows.read(Fixtures.path("kestra"));
    assertThat(flows)
        .extracting(DiscoveredJob::job)
        .containsExactlyInAnyOrder("company.finance.revenue-daily", "company.crm.customer_dim");
    DiscoveredJob revenue = job(flows, "company.finance.revenue-daily");
    assertThat(revenue.name()).isEqualTo("revenue-daily");
    assertThat(revenue.cron()).isEqualTo("5 7 * * *");
    assertThat(revenue.timezone()).isEqualTo("Europe/Paris");
    assertThat(revenue.owner()).isEqualTo("finance-data");
    assertThat(job(flows, "company.crm.customer_dim").cron()).isEqualTo("15 6 * * *");
  }

  @Test
  void dagFilesGiveIdsSchedulesAndOwnersWithANoteToCheck() {
    List<DiscoveredJob> dags = AirflowDagFiles.read(Fixtures.path("dags"));
    assertThat(dags)
        .extracting(DiscoveredJob::job)
        .containsExactlyInAnyOrder("revenue_daily", "orders_ingest", "kpi_dashboard");
    assertThat(job(dags, "revenue_daily").cron()).isEqualTo("5 7 * * *");
    assertThat(job(dags, "revenue_daily").owner()).isEqualTo("finance-data");
    assertThat(job(dags, "orders_ingest").cron()).isEqualTo("0 * * * *");
    assertThat(job(dags, "kpi_dashboard").cron()).isNull();
    assertThat(dags).allSatisfy(d -> assertThat(d.notes()).anyMatch(n -> n.contains("check")));
  }
}
