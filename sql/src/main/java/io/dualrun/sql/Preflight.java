package io.dualrun.sql;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks that Kafka and the schema registry answer before a query is planned, so that an
 * unreachable peer is one clear message instead of a job failing after its timeout.
 */
public final class Preflight {
  private Preflight() {}

  public static void check(SqlSettings settings) {
    checkKafka(settings);
    checkRegistry(settings);
  }

  static void checkKafka(SqlSettings settings) {
    long timeoutMs = settings.connectTimeout().toMillis();
    Map<String, Object> config = new HashMap<>(settings.kafkaProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "dualrun-sql-preflight");
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable("Kafka", settings.bootstrapServers(), "interrupted", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      String reason =
          e instanceof TimeoutException
              ? "no answer within " + timeoutMs + " ms"
              : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      throw unreachable("Kafka", settings.bootstrapServers(), reason, e);
    }
  }

  static void checkRegistry(SqlSettings settings) {
    String url = settings.registryUrl().replaceAll("/+$", "") + "/subjects";
    HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(settings.connectTimeout()).GET().build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw unreachable(
            "the schema registry",
            settings.registryUrl(),
            "GET " + url + " answered HTTP " + response.statusCode(),
            null);
      }
    } catch (IOException e) {
      throw unreachable("the schema registry", settings.registryUrl(), e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable("the schema registry", settings.registryUrl(), "interrupted", e);
    }
  }

  private static SqlScriptException unreachable(
      String what, String where, String reason, Throwable cause) {
    return new SqlScriptException(
        "cannot reach " + what + " at " + where + " (" + reason + ")", cause);
  }
}
