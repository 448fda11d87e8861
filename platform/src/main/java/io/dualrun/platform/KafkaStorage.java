package io.dualrun.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's KRaft log directory: formatted once (what {@code kafka-storage format} does), then
 * reused. A directory whose {@code meta.properties} cannot be read is refused with one line.
 */
final class KafkaStorage {
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);

  private KafkaStorage() {}

  /**
   * Formats {@code logDir} for node {@code nodeId} unless it already holds a valid {@code
   * meta.properties}.
   *
   * @param clusterId the cluster's id, or null for a new random one (a single node)
   */
  static void ensureFormatted(Path logDir, int nodeId, String clusterId) {
    Path meta = logDir.resolve("meta.properties");
    if (Files.exists(meta)) {
      check(meta, nodeId, clusterId);
      return;
    }
    try {
      Files.createDirectories(logDir);
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      if (clusterId == null) {
        clusterId = Uuid.randomUuid().toString();
      }
      new Formatter()
          .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir.toString())
          .addDirectory(logDir.toString())
          .run();
      LOG.info("formatted Kafka storage {} (cluster id {})", logDir, clusterId);
      LOG.debug("formatter output: {}", output.toString(StandardCharsets.UTF_8).trim());
    } catch (Exception e) {
      throw new PlatformException(
          "Kafka broker: cannot format data directory " + logDir + ": " + e.getMessage(), e);
    }
  }

  private static void check(Path meta, int expectedNode, String expectedCluster) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw corrupt(meta, "cannot be read (" + e.getMessage() + ")");
    }
    String clusterId = properties.getProperty("cluster.id");
    String nodeId = properties.getProperty("node.id");
    if (clusterId == null || clusterId.isBlank() || nodeId == null) {
      throw corrupt(meta, "has no cluster.id or node.id");
    }
    if (!nodeId.trim().equals(Integer.toString(expectedNode))) {
      throw corrupt(meta, "belongs to node " + nodeId.trim() + ", not " + expectedNode);
    }
    if (expectedCluster != null && !clusterId.trim().equals(expectedCluster)) {
      throw corrupt(meta, "belongs to cluster " + clusterId.trim() + ", not " + expectedCluster);
    }
  }

  private static PlatformException corrupt(Path meta, String why) {
    return new PlatformException(
        "Kafka broker: corrupt data directory: "
            + meta
            + " "
            + why
            + "; move the directory away to start with an empty broker");
  }
}
