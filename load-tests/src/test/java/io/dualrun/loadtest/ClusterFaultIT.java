package io.dualrun.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClusterFaultIT {

  /** Kept under target/ so that the services' logs can be read after a failure. */
  @Test
  void aMigrationOnAThreeNodeClusterSurvivesBrokerReconcilerAlertingAndRegistryFaults()
      throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cluster-");
    System.out.println("work directory " + dir.toAbsolutePath());
    ClusterFaultScenario.Result result =
        ClusterFaultScenario.run(dir, 20261203L, !Boolean.getBoolean("nofaults"));
    System.out.println(result.render());
    var report = result.run().report();

    assertThat(report.lost()).as("lost verdicts").isEmpty();
    assertThat(report.duplicated()).as("duplicated verdicts").isEmpty();
    assertThat(report.unexpected()).as("unexpected verdicts or breaches").isEmpty();
    assertThat(report.wrong()).as("wrong outcomes").isEmpty();
    assertThat(report.scores())
        .as("every expected finding, breach and alert seen")
        .allSatisfy(s -> assertThat(s.falseNegatives()).as(s.row()).isZero());
    assertThat(result.run().stored())
        .as("records on the input topics")
        .isEqualTo(result.run().generated())
        .isEqualTo(result.run().posted());
    assertThat(result.dlq()).as("valid records sent to the DLQ").isZero();
    assertThat(result.unavailable()).as("ingest answers 503").isZero();
    assertThat(result.repeatedAlerts()).as("notifications delivered twice").isEmpty();
    if (result.alertingTakeover() != null) {
      assertThat(result.alertingTakeover())
          .as("from the alerting kill until the other instance delivers every partition")
          .isLessThanOrEqualTo(ClusterFaultScenario.MAX_TAKEOVER);
    }
    assertThat(result.rest().neverAnswered())
        .as("probed pairs never answered: " + result.rest().render())
        .isZero();
    assertThat(result.rest().notFoundAfterAnswer())
        .as(
            "404 for a pair answered before (a lagging copy read as current): "
                + result.rest().render())
        .isZero();
    assertThat(result.rest().longestGap())
        .as("longest time REST answered no probed pair: " + result.rest().render())
        .isLessThanOrEqualTo(ClusterFaultScenario.MAX_REST_GAP);
    assertThat(result.passed()).as(result.render()).isTrue();
  }
}
