package io.dualrun.containers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the container suite where a Docker engine answers. Where none does, the suite is skipped
 * with the reason, unless {@code -Ddualrun.containers.required=true} (as {@code .ci/run} passes,
 * after starting one): then it runs and fails at its first step, naming what is missing.
 */
final class DockerEngine implements ExecutionCondition {
  static final String REQUIRED = "dualrun.containers.required";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (available()) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    if (Boolean.getBoolean(REQUIRED)) {
      return ConditionEvaluationResult.enabled(
          REQUIRED + "=true: runs, and fails for want of a Docker engine");
    }
    return ConditionEvaluationResult.disabled(
        "no Docker engine answers (DOCKER_HOST or /var/run/docker.sock): the container suite is"
            + " skipped; .ci/run installs and starts one (docs/deploy.md)");
  }

  static boolean available() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Fails with the reason when no engine answers. */
  static void require() {
    if (!available()) {
      throw new IllegalStateException(
          "the container suite needs a Docker engine and none answers (DOCKER_HOST or"
              + " /var/run/docker.sock): apt-get install docker.io docker-compose, then start"
              + " /usr/sbin/dockerd, as .ci/run does");
    }
  }
}
