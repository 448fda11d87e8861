package io.dualrun.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.apache.flink.core.execution.JobClient;

/**
 * A progress line on stderr while a statement runs: elapsed time, the job's state and the rows its
 * sources have read so far (from the cluster's REST endpoint; Flink refreshes these metrics every
 * few seconds, every second on the embedded Flink). The line is cleared when the statement ends, so
 * that only the answer remains.
 */
final class TerminalProgress implements Progress {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintWriter err;
  private final String restUrl;
  private final int width;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  TerminalProgress(PrintWriter err, String restUrl) {
    this.err = err;
    this.restUrl = restUrl;
    this.width = width();
  }

  /** Whether stderr is a terminal (a Linux /proc link to a tty; elsewhere: a console exists). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  private static int width() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip());
      return Math.max(40, Math.min(columns - 1, 160));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  @Override
  public Tracker begin(String statement) {
    return new Line();
  }

  /** The rows read so far and the state of {@code jobId}, as the REST endpoint reports them. */
  Status status(String jobId) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return null;
    }
    JsonNode job = JSON.readTree(response.body());
    long rows = 0;
    for (JsonNode vertex : job.path("vertices")) {
      if (vertex.path("name").asText("").startsWith("Source: ")) {
        rows += vertex.path("metrics").path("write-records").asLong(0);
      }
    }
    return new Status(job.path("state").asText("?"), rows);
  }

  record Status(String state, long rowsRead) {}

  private final class Line implements Tracker {
    private final ProgressBar bar;
    private final ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dualrun-sql-progress");
              t.setDaemon(true);
              return t;
            });

    Line() {
      bar =
          new ProgressBarBuilder()
              .setTaskName("sql")
              .setInitialMax(-1)
              .setUnit(" rows read", 1)
              .hideEta()
              .setUpdateIntervalMillis(250)
              .setConsumer(new ErrConsumer())
              .clearDisplayOnFinish()
              .build();
      bar.setExtraMessage(" PLANNING");
    }

    @Override
    public void job(JobClient job) {
      String id = job.getJobID().toHexString();
      bar.setExtraMessage(" SUBMITTED " + id.substring(0, 8));
      poller.scheduleWithFixedDelay(
          () -> {
            try {
              Status status = status(id);
              if (status != null) {
                bar.stepTo(status.rowsRead());
                bar.setExtraMessage(" " + status.state() + " " + id.substring(0, 8));
              }
            } catch (IOException e) {
              // the next poll tries again; progress is no reason to fail a query
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          },
          0,
          500,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      poller.shutdownNow();
      bar.close();
    }
  }

  /** Renders on stderr, each update over the previous one; cleared at the end. */
  private final class ErrConsumer implements ProgressBarConsumer {
    private int last;

    @Override
    public int getMaxRenderedLength() {
      return width;
    }

    @Override
    public synchronized void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
      last = rendered.length();
    }

    @Override
    public synchronized void clear() {
      err.print('\r');
      err.print(" ".repeat(last));
      err.print('\r');
      err.flush();
    }

    @Override
    public void close() {
      err.flush();
    }
  }
}
