package io.dualrun.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  @TempDir Path dir;

  @Test
  void aKafkaPortInUseIsOneClearLineNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      KafkaBroker broker =
          new KafkaBroker(KafkaBrokerConfig.of(dir.resolve("kafka")).withPorts(port, 0));
      assertThatThrownBy(broker::start)
          .isInstanceOf(PlatformException.class)
          .hasMessage(
              "Kafka broker: port "
                  + port
                  + " on 127.0.0.1 is already in use (Address already in use)");
      assertThat(broker.isRunning()).isFalse();
    }
  }

  @Test
  void aRegistryPortInUseIsOneClearLineNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      SchemaRegistryServer registry =
          new SchemaRegistryServer(
              SchemaRegistryConfig.inMemory(dir.resolve("registry")).withPort(port));
      assertThatThrownBy(registry::start)
          .isInstanceOf(PlatformException.class)
          .hasMessageStartingWith(
              "schema registry: port " + port + " on 127.0.0.1 is already in use")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aPortTakenBeforeAChildBindsItIsAClashToPickAnotherFor() {
    assertThat(Ports.isPortClash(new java.net.BindException("Address already in use"))).isTrue();
    assertThat(
            Ports.isPortClash(
                new PlatformException(
                    "schema registry exited with code 1 while starting on port 40669\n"
                        + "ERROR [io.quarkus.runtime.ApplicationLifecycleManager] (main) Port"
                        + " 40669 seems to be in use by another process.")))
        .isTrue();
    assertThat(Ports.isPortClash(new PlatformException("schema registry exited with code 1")))
        .isFalse();
  }

  @Test
  void aMissingJavaForTheRegistryIsOneClearLineNamingThePath() {
    Path missing = dir.resolve("no-jdk/bin/java");
    SchemaRegistryServer registry =
        new SchemaRegistryServer(
            SchemaRegistryConfig.inMemory(dir.resolve("registry")).withJava(missing));
    assertThatThrownBy(registry::start)
        .isInstanceOf(PlatformException.class)
        .hasMessage(
            "schema registry: no Java runtime at "
                + missing
                + " (registry.java); the registry needs Java 17 or newer");
  }

  @Test
  void aCorruptKafkaDataDirectoryIsOneClearLineNamingTheFile() throws Exception {
    Path kraft = Files.createDirectories(dir.resolve("kafka/kraft"));
    Files.write(kraft.resolve("meta.properties"), new byte[] {0, 1, 2, (byte) 0xff, 10, 13});
    KafkaBroker broker = new KafkaBroker(KafkaBrokerConfig.of(dir.resolve("kafka")));
    assertThatThrownBy(broker::start)
        .isInstanceOf(PlatformException.class)
        .hasMessage(
            "Kafka broker: corrupt data directory: "
                + kraft.resolve("meta.properties")
                + " has no cluster.id or node.id; move the directory away to start with an empty"
                + " broker");
  }

  @Test
  void anUnreadableMetaPropertiesIsRefused() throws Exception {
    Path kraft = Files.createDirectories(dir.resolve("kafka/kraft"));
    Files.createDirectories(kraft.resolve("meta.properties"));
    KafkaBroker broker = new KafkaBroker(KafkaBrokerConfig.of(dir.resolve("kafka")));
    assertThatThrownBy(broker::start)
        .isInstanceOf(PlatformException.class)
        .hasMessageStartingWith(
            "Kafka broker: corrupt data directory: "
                + kraft.resolve("meta.properties")
                + " cannot be read")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aDataDirectoryThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("kafka"), "x");
    KafkaBroker broker = new KafkaBroker(KafkaBrokerConfig.of(file));
    assertThatThrownBy(broker::start)
        .isInstanceOf(PlatformException.class)
        .hasMessage("Kafka broker: data directory " + file + " is a file, not a directory");
  }

  @Test
  void aMissingRegistryDistributionSaysWhereItLookedAndWhatToRun() {
    Path property = dir.resolve("from-property");
    Path env = dir.resolve("from-env");
    Path work = dir.resolve("work");
    assertThatThrownBy(() -> RegistryHome.locate(property.toString(), env.toString(), work))
        .isInstanceOf(PlatformException.class)
        .hasMessageStartingWith("Apicurio Registry distribution not found (looked in [" + property)
        .hasMessageContaining(env.toString())
        .hasMessageContaining(work.resolve(RegistryHome.RELATIVE).toString())
        .hasMessageContaining("run ./mvnw -pl platform package")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theRegistryDistributionIsFoundFromAParentOfTheWorkingDirectory() throws Exception {
    Path home = Files.createDirectories(dir.resolve(RegistryHome.RELATIVE));
    Files.writeString(home.resolve("apicurio-registry-app-9.9-runner.jar"), "");
    Path nested = Files.createDirectories(dir.resolve("cli/target"));
    assertThat(RegistryHome.locate(null, "", nested)).isEqualTo(home);
  }

  @Test
  void invalidConfigNamesTheBadKey() {
    assertThatThrownBy(() -> KafkaBrokerConfig.of(dir).withPorts(70000, 0))
        .hasMessage("kafka.port must be between 1 and 65535 (or 0 for a free port), was 70000");
    assertThatThrownBy(() -> KafkaBrokerConfig.of(dir).withPorts(9092, 9092))
        .hasMessage("kafka.port and kafka.controller-port must differ, both are 9092");
    assertThatThrownBy(() -> new KafkaBrokerConfig(dir, 0, 0, "lots", null, false))
        .hasMessage("kafka.heap must be a JVM heap size such as 512m or 1g, was 'lots'");
    assertThatThrownBy(() -> LocalPlatformConfig.in(dir).withPorts(9092, 9093, 9092))
        .hasMessage("kafka.port and registry.port must differ, both are 9092");
    assertThatThrownBy(() -> new SchemaRegistryConfig(dir, dir, false, -1, null, null, null))
        .hasMessage("registry.port must be between 1 and 65535 (or 0 for a free port), was -1");
  }
}
