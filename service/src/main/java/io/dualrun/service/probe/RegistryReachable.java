package io.dualrun.service.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Whether the schema registry answers: {@code GET <registry.url>/subjects} within the timeout, with
 * a status below 500. A service whose schema cache knows what it needs keeps working while this
 * check fails; {@code /ready} says so rather than hiding it.
 */
public final class RegistryReachable implements ReadinessCheck {
  private final HttpClient http;
  private final URI subjects;
  private final String authorization;
  private final Duration timeout;

  /**
   * @param username basic-auth user, or null
   * @param password basic-auth password, or null
   */
  public RegistryReachable(String url, String username, String password, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.subjects = URI.create(url.endsWith("/") ? url + "subjects" : url + "/subjects");
    this.authorization =
        username == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "registry";
  }

  @Override
  public Result check() {
    HttpRequest.Builder request = HttpRequest.newBuilder(subjects).timeout(timeout).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return status < 500
          ? Result.ok("answered " + status)
          : Result.failed("answered " + status + " at " + subjects);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.failed("interrupted");
    } catch (Exception e) {
      return Result.failed("no answer from " + subjects + ": " + e);
    }
  }
}
