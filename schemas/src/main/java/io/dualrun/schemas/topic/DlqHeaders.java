package io.dualrun.schemas.topic;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Header names carried by every record on {@code dualrun.dlq.v1}. The record's key and value are
 * the original bytes (or, for records refused at the HTTP edge, the original request body).
 */
public final class DlqHeaders {
  /** One sentence: why the record could not be used. */
  public static final String REASON = "dualrun.dlq.reason";

  /** Java class of the error, when there was one. */
  public static final String ERROR_CLASS = "dualrun.dlq.error-class";

  /** Where the record came from: a topic name, or {@code http:<path>} for the HTTP edge. */
  public static final String SOURCE = "dualrun.dlq.source";

  /**
   * The source of an OpenLineage event no workflow of the inventory maps (its key: the job's {@code
   * namespace/name}); {@code dualrun inventory check} lists them.
   */
  public static final String LINEAGE_SOURCE = "http:/api/v1/lineage";

  /** Source partition (decimal), when the source is a topic. */
  public static final String SOURCE_PARTITION = "dualrun.dlq.source-partition";

  /** Source offset (decimal), when the source is a topic. */
  public static final String SOURCE_OFFSET = "dualrun.dlq.source-offset";

  /** Which component put it there: ingest, reconciler, alerting. */
  public static final String COMPONENT = "dualrun.dlq.component";

  private DlqHeaders() {}

  public static void put(Headers headers, String name, String value) {
    if (value != null) {
      headers.remove(name);
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  public static String get(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
