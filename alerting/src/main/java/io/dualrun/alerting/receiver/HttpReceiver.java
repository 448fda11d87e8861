package io.dualrun.alerting.receiver;

import io.dualrun.alerting.model.Json;
import java.net.URI;
import java.util.Map;

/** A receiver that posts one JSON document per alert emission to one URL. */
abstract class HttpReceiver implements Receiver {
  private final String name;
  private final ReceiverType type;
  private final URI url;
  private final HttpTransport http;

  /**
   * @param path appended to the configured URL (e.g. {@code v2/enqueue}); null posts to the URL
   *     itself
   */
  HttpReceiver(ReceiverConfig config, ReceiverType type, String path) {
    this.name = config.name();
    this.type = type;
    this.url = path == null ? URI.create(config.url()) : under(config.url(), path);
    this.http = new HttpTransport(config.timeout(), config.headers());
  }

  private static URI under(String base, String path) {
    return URI.create(base.endsWith("/") ? base : base + "/").resolve(path);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final ReceiverType type() {
    return type;
  }

  /** Posts {@code body} as JSON with the receiver's headers plus {@code headers}. */
  final int post(Object body, Map<String, String> headers) throws DeliveryException {
    return http.postJson(url, Json.text(body), headers);
  }
}
