package io.dualrun.config.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.config.ConfigDocs;
import io.dualrun.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ClientConfigTest {

  @Command(name = "client")
  static final class Client {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:7070")
    String url;

    @Option(names = "--token")
    String token;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @Option(names = "--registry-url", defaultValue = "http://localhost:8081")
    String registryUrl;

    @Option(names = "--flink")
    String flink;

    @Option(names = "--ship-jars", negatable = true, defaultValue = "true", fallbackValue = "true")
    boolean shipJars;

    @Option(names = "--workflow", defaultValue = "wf")
    String workflow;
  }

  private static Path file(Path dir, String yaml) throws Exception {
    return Files.writeString(dir.resolve("client.yaml"), yaml);
  }

  private static Client parse(Map<String, String> env, String... args) {
    Client c = new Client();
    new CommandLine(c)
        .setDefaultValueProvider(new ClientDefaults(env, () -> ClientConfig.locate(env)))
        .parseArgs(args);
    return c;
  }

  @Test
  void theFileGivesEveryAddress(@TempDir Path dir) throws Exception {
    Path f =
        file(
            dir,
            "url: http://dualrun:8080\ntoken: t-0123456789abcdef\n"
                + "kafka: {bootstrap-servers: k1:9092}\nregistry: {url: http://r:8081}\n"
                + "flink: {address: jobmanager:8081}\n");
    Client c = parse(Map.of(ClientConfig.ENV, f.toString()));
    assertThat(c.url).isEqualTo("http://dualrun:8080");
    assertThat(c.token).isEqualTo("t-0123456789abcdef");
    assertThat(c.bootstrapServers).isEqualTo("k1:9092");
    assertThat(c.registryUrl).isEqualTo("http://r:8081");
    assertThat(c.flink).isEqualTo("jobmanager:8081");
    assertThat(c.workflow).as("other options keep their defaults").isEqualTo("wf");
  }

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
    Path f = file(dir, "url: http://from-file:1\ntoken: from-file\n");
    Map<String, String> env =
        Map.of(ClientConfig.ENV, f.toString(), "DUALRUN_URL", "http://from-env:2");
    assertThat(parse(env).url).isEqualTo("http://from-env:2");
    assertThat(parse(env).token).isEqualTo("from-file");
    assertThat(parse(env, "--url", "http://from-flag:3").url).isEqualTo("http://from-flag:3");
  }

  @Test
  void theFlinkAddressComesFromTheFlagTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
    Path f = file(dir, "flink: {address: from-file:8081}\n");
    Map<String, String> fileOnly = Map.of(ClientConfig.ENV, f.toString());
    Map<String, String> env = Map.of(ClientConfig.ENV, f.toString(), "DUALRUN_FLINK", "env:8082");
    assertThat(parse(fileOnly).flink).isEqualTo("from-file:8081");
    assertThat(parse(env).flink).isEqualTo("env:8082");
    assertThat(parse(env, "--flink", "flag:8083").flink).isEqualTo("flag:8083");
    assertThat(parse(Map.of("XDG_CONFIG_HOME", dir.resolve("none").toString())).flink)
        .as("no flag, variable or file: the embedded Flink")
        .isNull();
  }

  @Test
  void shipJarsComesFromTheFlagTheEnvironmentOrTheFileAndDefaultsToTrue(@TempDir Path dir)
      throws Exception {
    Path f = file(dir, "flink: {address: jm:8081, ship-jars: false}\n");
    Map<String, String> fileOnly = Map.of(ClientConfig.ENV, f.toString());
    assertThat(parse(fileOnly).shipJars).isFalse();
    assertThat(parse(fileOnly, "--ship-jars").shipJars).as("the flag beats the file").isTrue();
    Map<String, String> env =
        Map.of(ClientConfig.ENV, f.toString(), "DUALRUN_FLINK_SHIP_JARS", "TRUE");
    assertThat(parse(env).shipJars).as("the variable beats the file").isTrue();
    assertThat(parse(env, "--no-ship-jars").shipJars).isFalse();
    Map<String, String> none = Map.of("XDG_CONFIG_HOME", dir.resolve("none").toString());
    assertThat(parse(none).shipJars).isTrue();
    assertThat(parse(none, "--ship-jars").shipJars).isTrue();
    assertThat(parse(none, "--no-ship-jars").shipJars).isFalse();
    Map<String, String> bad =
        Map.of("XDG_CONFIG_HOME", dir.toString(), "DUALRUN_FLINK_SHIP_JARS", "yes");
    assertThatThrownBy(() -> parse(bad))
        .hasMessageContaining("DUALRUN_FLINK_SHIP_JARS")
        .hasMessageContaining("'yes' is not true or false");
  }

  @Test
  void withoutAnyFileTheDeclaredDefaultsHold(@TempDir Path dir) {
    Client c = parse(Map.of("XDG_CONFIG_HOME", dir.toString()));
    assertThat(c.url).isEqualTo("http://127.0.0.1:7070");
    assertThat(c.token).isNull();
  }

  @Test
  void theDefaultFileIsUnderXdgConfigHome(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("dualrun"));
    Files.writeString(dir.resolve("dualrun/client.yaml"), "url: http://xdg:9\n");
    assertThat(parse(Map.of("XDG_CONFIG_HOME", dir.toString())).url).isEqualTo("http://xdg:9");
  }

  @Test
  void anUnknownKeyIsNamedWithItsFile(@TempDir Path dir) throws Exception {
    Path f = file(dir, "url: http://x:1\nbootstrap-servers: k:9092\n");
    assertThatThrownBy(() -> ClientConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("bootstrap-servers");
  }

  @Test
  void aMissingExplicitFileIsAnError(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ClientConfig.locate(Map.of(ClientConfig.ENV, missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ClientConfig.ENV)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void theDocsTableIsGenerated() throws Exception {
    Path doc = Path.of("..", "docs", "hooks.md");
    assertThat(ConfigDocs.checkFile(doc, "client", ClientConfig.KEYS.markdownTable()))
        .as("docs/hooks.md client table (regenerate with -Ddualrun.docs.update=true)")
        .isEmpty();
  }
}
