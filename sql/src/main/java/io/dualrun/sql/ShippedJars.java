package io.dualrun.sql;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a session cluster needs for the dualrun tables and that a Flink distribution does not
 * have: the Kafka connector, kafka-clients and its compression codecs, the avro-confluent format
 * (in this module's jar) and its relocated Avro and registry client (dualrun-registry-client).
 * {@code dualrun sql --flink} ships them with every job ({@code pipeline.jars}), so a stock Flink
 * 2.2 session cluster needs nothing added to its {@code lib/}.
 */
final class ShippedJars {
  /** One class of each jar to ship; a class not on the classpath (an optional codec) is skipped. */
  static final List<String> MARKERS =
      List.of(
          "org.apache.flink.connector.kafka.source.KafkaSource",
          "org.apache.kafka.clients.consumer.KafkaConsumer",
          "net.jpountz.lz4.LZ4Factory",
          "org.xerial.snappy.Snappy",
          "com.github.luben.zstd.Zstd",
          "org.apache.flink.formats.avro.registry.confluent.RegistryAvroFormatFactory",
          "org.apache.flink.avro.shaded.org.apache.avro.Schema",
          "org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client"
              + ".CachedSchemaRegistryClient");

  private ShippedJars() {}

  /**
   * The jar of every {@link #MARKERS} class, as file URLs; a class directory (running from a build
   * tree) is packed into a jar under {@code tmpDir} first.
   */
  static List<URL> locate(Path tmpDir) {
    Set<Path> locations = new LinkedHashSet<>();
    for (String marker : MARKERS) {
      Path location = location(marker);
      if (location != null) {
        locations.add(location);
      }
    }
    List<URL> urls = new ArrayList<>();
    int packed = 0;
    for (Path location : locations) {
      Path jar =
          Files.isDirectory(location)
              ? pack(location, tmpDir.resolve("classes-" + packed++ + ".jar"))
              : location;
      try {
        urls.add(jar.toUri().toURL());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return urls;
  }

  private static Path location(String className) {
    Class<?> cls;
    try {
      cls = Class.forName(className, false, ShippedJars.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    if (cls.getProtectionDomain().getCodeSource() == null) {
      return null;
    }
    try {
      return Path.of(cls.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the jar of " + className, e);
    }
  }

  private static Path pack(Path classes, Path jar) {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> paths = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) paths.sorted()::iterator) {
        if (Files.isRegularFile(p)) {
          out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
          Files.copy(p, out);
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + classes + " into " + jar, e);
    }
  }
}
