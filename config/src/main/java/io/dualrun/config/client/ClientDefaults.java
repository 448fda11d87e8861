package io.dualrun.config.client;

import io.dualrun.config.ConfigException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the client commands' address options: {@code --url}, {@code --token}, {@code
 * --bootstrap-servers}, {@code --registry-url}, {@code --flink}, {@code --ship-jars} from the
 * environment, else from the {@link ClientConfig} file; anything else (and an option neither gives)
 * keeps its declared default.
 */
public final class ClientDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;
  private final Supplier<ClientConfig> file;
  private ClientConfig loaded;

  /** {@code file} is read the first time an address option needs it (never by the services). */
  public ClientDefaults(Map<String, String> env, Supplier<ClientConfig> file) {
    this.env = env;
    this.file = file;
  }

  /** From this process's environment and the file it points to. */
  public static ClientDefaults fromEnvironment() {
    Map<String, String> env = System.getenv();
    return new ClientDefaults(env, () -> ClientConfig.locate(env));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    return switch (option.longestName()) {
      case "--url" -> pick("DUALRUN_URL", ClientConfig::url);
      case "--token" -> pick("DUALRUN_TOKEN", ClientConfig::token);
      case "--bootstrap-servers" ->
          pick("DUALRUN_BOOTSTRAP_SERVERS", ClientConfig::bootstrapServers);
      case "--registry-url" -> pick("DUALRUN_REGISTRY_URL", ClientConfig::registryUrl);
      case "--flink" -> pick("DUALRUN_FLINK", ClientConfig::flink);
      case "--ship-jars" -> shipJars();
      default -> null;
    };
  }

  /** {@code DUALRUN_FLINK_SHIP_JARS} (true or false), else {@code flink.ship-jars}. */
  private String shipJars() {
    String value = env.get("DUALRUN_FLINK_SHIP_JARS");
    if (value != null && !value.isBlank()) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw new ConfigException("DUALRUN_FLINK_SHIP_JARS: '" + value + "' is not true or false");
      }
      return v;
    }
    return String.valueOf(file().flinkShipJars());
  }

  private String pick(String variable, Function<ClientConfig, Optional<String>> key) {
    String value = env.get(variable);
    if (value != null && !value.isBlank()) {
      return value;
    }
    return key.apply(file()).orElse(null);
  }

  private synchronized ClientConfig file() {
    if (loaded == null) {
      loaded = file.get();
    }
    return loaded;
  }
}
