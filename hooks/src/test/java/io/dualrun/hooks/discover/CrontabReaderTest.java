package io.dualrun.hooks.discover;

import static io.dualrun.hooks.discover.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrontabReaderTest {
  final List<DiscoveredJob> jobs = CrontabReader.read(Fixtures.path("crontab"));

  @Test
  void readsEveryJobLineAndSkipsCommentsAndEnvironmentLines() {
    assertThat(jobs)
        .extracting(DiscoveredJob::job)
        .containsExactly(
            "revenue_daily.sh",
            "customer_dim.sh",
            "weekly_report.py",
            "orders_ingest.sh",
            "supplier-feed",
            "warm_cache.sh",
            "tmp_cleanup.sh");
    assertThat(jobs).allSatisfy(j -> assertThat(j.orchestrator()).isEqualTo("cron"));
  }

  @Test
  void cronTzAppliesToTheLinesAfterIt() {
    assertThat(job(jobs, "revenue_daily.sh").timezone()).isEqualTo("Europe/Paris");
    assertThat(job(jobs, "weekly_report.py").timezone()).isEqualTo("Europe/Paris");
    assertThat(job(jobs, "orders_ingest.sh").timezone()).isEqualTo("UTC");
  }

  @Test
  void schedulesMacrosAndTheSystemCrontabUserColumn() {
    assertThat(job(jobs, "revenue_daily.sh").cron()).isEqualTo("5 7 * * *");
    assertThat(job(jobs, "revenue_daily.sh").where()).endsWith("crontab:8");
    assertThat(job(jobs, "weekly_report.py").cron()).isEqualTo("30 2 * * 1");
    assertThat(job(jobs, "orders_ingest.sh").cron()).isEqualTo("0 * * * *");
    assertThat(job(jobs, "warm_cache.sh").cron()).isNull();
    assertThat(job(jobs, "warm_cache.sh").notes()).anyMatch(n -> n.contains("@reboot"));
  }

  @Test
  void aDualrunExecNamesItsWorkflow() {
    assertThat(job(jobs, "supplier-feed").cron()).isEqualTo("0 6 * * *");
    assertThat(CrontabReader.jobName("cd /opt/jobs && ./customer_dim.sh --full"))
        .isEqualTo("customer_dim.sh");
    assertThat(CrontabReader.jobName("run-parts /etc/cron.daily")).isEqualTo("run-parts");
  }
}
