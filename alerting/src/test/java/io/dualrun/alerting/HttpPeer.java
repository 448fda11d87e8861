package io.dualrun.alerting;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real local HTTP server standing in for a receiver's peer; records every request. */
public final class HttpPeer implements AutoCloseable {
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;
  private HttpServer server;
  private int port;

  public static HttpPeer start() {
    return new HttpPeer().listen(0);
  }

  /** Starts (again) on {@code port} (0 = any). */
  public HttpPeer listen(int wanted) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          sleep(delay);
          byte[] answer =
              (status < 300 ? "{\"status\":\"success\"}" : "{\"error\":\"x\"}").getBytes();
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    port = server.getAddress().getPort();
    return this;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public HttpPeer answer(int status) {
    this.status = status;
    return this;
  }

  public HttpPeer delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
