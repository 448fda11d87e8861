package io.dualrun.loadtest.run;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls {@code GET /v1/pairs/{workflow}/{partition}} for a few pairs every {@code period}, asking
 * the reconciler instances in turn (the next one when an instance does not answer), and measures
 * per pair the longest time without a 200 answer since its first one: how long a user of the REST
 * API is left without an answer while instances die and restart.
 */
public final class RestProbe implements AutoCloseable {
  /**
   * An instance answers within its 5 s budget for asking the others (or 503 naming who did not
   * answer); one silent for longer is hung, and the probe asks the next, as a client behind a load
   * balancer would.
   */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);

  /**
   * What the probe saw; {@code notFoundAfterAnswer}: answers 404 for a pair already answered 200
   * (an instance reading a copy that lacks it as if it were current).
   */
  public record Result(
      int pairs,
      int neverAnswered,
      Duration longestGap,
      String worst,
      long polls,
      long answers,
      long notFoundAfterAnswer) {
    public String render() {
      return "REST probe: "
          + pairs
          + " pairs polled "
          + polls
          + " times, "
          + answers
          + " answers 200, longest time without an answer "
          + longestGap.toMillis()
          + " ms ("
          + worst
          + "), never answered "
          + neverAnswered
          + ", 404 for a pair answered before "
          + notFoundAfterAnswer
          + "\n";
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<URI> instances;
  private final Map<String, PairState> pairs = new LinkedHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "rest-probe");
            t.setDaemon(true);
            return t;
          });
  private final long started = System.nanoTime();
  private long polls;
  private long answers;
  private long notFoundAfterAnswer;

  private static final class PairState {
    final String path;
    boolean inFlight;
    long lastAnswer = -1;
    long longestGap;
    long longestGapEnd;
    final Set<String> refusals = new LinkedHashSet<>();
    String refusalsInLongestGap = "";

    PairState(String path) {
      this.path = path;
    }
  }

  private RestProbe(List<URI> instances, List<String> pairKeys) {
    this.instances = List.copyOf(instances);
    for (String key : pairKeys) {
      int slash = key.indexOf('/');
      pairs.put(
          key,
          new PairState(
              "/v1/pairs/"
                  + encode(key.substring(0, slash))
                  + "/"
                  + encode(key.substring(slash + 1))));
    }
  }

  /** Starts polling {@code pairKeys} ({@code workflow/partition}) on {@code instances}. */
  public static RestProbe start(List<URI> instances, List<String> pairKeys, Duration period) {
    RestProbe probe = new RestProbe(instances, pairKeys);
    probe.timer.scheduleAtFixedRate(probe::pollAll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return probe;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private synchronized void pollAll() {
    for (PairState p : pairs.values()) {
      if (!p.inFlight) {
        p.inFlight = true;
        polls++;
        ask(p, 0);
      }
    }
  }

  private void ask(PairState p, int instance) {
    if (instance >= instances.size()) {
      done(p, false);
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(instances.get(instance).resolve(p.path))
            .timeout(REQUEST_TIMEOUT)
            .GET()
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (answer, failure) -> {
              if (failure == null && answer.statusCode() == 200) {
                done(p, true);
              } else {
                if (failure == null && answer.statusCode() == 404) {
                  notFound(p);
                }
                refused(
                    p,
                    instance,
                    failure == null ? answer.statusCode() + " " + answer.body() : "" + failure);
                ask(p, instance + 1);
              }
            });
  }

  private synchronized void notFound(PairState p) {
    if (p.lastAnswer >= 0) {
      notFoundAfterAnswer++;
    }
  }

  /** Keeps each distinct refusal (its first 160 characters) until the pair is answered again. */
  private synchronized void refused(PairState p, int instance, String why) {
    String line = instances.get(instance) + ": " + why;
    p.refusals.add(line.length() > 160 ? line.substring(0, 160) + "…" : line);
  }

  private synchronized void done(PairState p, boolean answered) {
    p.inFlight = false;
    if (answered) {
      answers++;
      long now = System.nanoTime();
      if (p.lastAnswer >= 0 && now - p.lastAnswer > p.longestGap) {
        p.longestGap = now - p.lastAnswer;
        p.longestGapEnd = now;
        p.refusalsInLongestGap = String.join(" | ", p.refusals);
      }
      p.refusals.clear();
      p.lastAnswer = now;
    }
  }

  /** Stops polling and counts the time since each pair's last answer as a gap too. */
  public synchronized Result stop() {
    timer.shutdownNow();
    long now = System.nanoTime();
    long longest = 0;
    String worst = "";
    int never = 0;
    List<PairState> all = new ArrayList<>(pairs.values());
    for (PairState p : all) {
      if (p.lastAnswer < 0) {
        never++;
      } else if (now - p.lastAnswer > longest && now - p.lastAnswer > p.longestGap) {
        longest = now - p.lastAnswer;
        worst =
            p.path
                + " not answered since +"
                + (p.lastAnswer - started) / 1_000_000
                + " ms, refusals: "
                + String.join(" | ", p.refusals);
      } else if (p.longestGap > longest) {
        longest = p.longestGap;
        worst =
            p.path
                + " ending at +"
                + (p.longestGapEnd - started) / 1_000_000
                + " ms, refusals meanwhile: "
                + p.refusalsInLongestGap;
      }
    }
    return new Result(
        all.size(), never, Duration.ofNanos(longest), worst, polls, answers, notFoundAfterAnswer);
  }

  @Override
  public void close() {
    stop();
  }
}
