package io.dualrun.alerting.receiver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** POSTs JSON and classifies the answer: 2xx accepted, 429/5xx/IO retryable, other refused. */
final class HttpTransport {
  private static final int MAX_BODY_IN_ERROR = 300;

  private final HttpClient client;
  private final Duration timeout;
  private final Map<String, String> headers;

  HttpTransport(Duration timeout, Map<String, String> headers) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
  }

  int postJson(URI uri, String body, Map<String, String> extraHeaders) throws DeliveryException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    extraHeaders.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException(uri + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(uri + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return status;
    }
    boolean retryable = status == 429 || status == 408 || status >= 500;
    throw new DeliveryException(
        uri + " answered " + status + ": " + abbreviate(response.body()), status, retryable);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= MAX_BODY_IN_ERROR ? body : body.substring(0, MAX_BODY_IN_ERROR) + "…";
  }
}
