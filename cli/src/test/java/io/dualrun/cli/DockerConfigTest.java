package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.alerting.AlertingConfig;
import io.dualrun.alerting.receiver.ReceiverConfig;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.IngestConfig;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.reconciler.ReconcilerConfig;
import io.dualrun.reconciler.web.DashboardRoutes;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The container setup as shipped (docker/): every service configuration is valid, and the compose
 * file gives each service what its configuration expects — the brokers and the registry it names,
 * its ports, the tokens it reads from the environment, a health check on its own port — and builds
 * the images from the versions the project uses.
 */
class DockerConfigTest {
  private static final Path DOCKER = Path.of("..", "docker");
  private static final Path CONFIG = DOCKER.resolve("config");
  private static final Map<String, String> LOCAL_INVENTORY =
      Map.of("inventory", CONFIG.resolve("workflows.yaml").toString());
  private static final String CONFIG_DIR = "/etc/dualrun/";
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{(\\w+):-([^}]+)}");

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  static void loadCompose() throws IOException {
    Object root =
        new Load(LoadSettings.builder().build())
            .loadFromString(Files.readString(DOCKER.resolve("compose.yaml")));
    services = new TreeMap<>();
    map(merged(map(root).get("services"))).forEach((name, s) -> services.put(name, map(s)));
  }

  @Test
  void everyDualrunServiceRunsAShippedConfigurationAgainstTheComposeKafkaAndRegistry() {
    Set<String> brokers = new TreeSet<>();
    servicesOfImage("dualrun-kafka:")
        .forEach(
            kafka ->
                brokers.add(
                    advertised(environment(kafka)).get("PLAINTEXT").replace("PLAINTEXT://", "")));
    assertThat(brokers).hasSize(3);
    List<String> dualrun = servicesOfImage("dualrun:");
    assertThat(dualrun).containsExactly("alerting", "ingest", "reconciler-1", "reconciler-2");
    for (String service : dualrun) {
      ConfigMap c = config(service);
      CommonSettings common = CommonSettings.from(c);
      assertThat(new TreeSet<>(List.of(common.bootstrapServers().split(","))))
          .as(service + ": kafka.bootstrap-servers")
          .isEqualTo(brokers);
      URI registry = URI.create(common.registry().url());
      assertThat(servicesOfImage("dualrun-registry:")).containsExactly(registry.getHost());
      assertThat(containerPorts(registry.getHost()))
          .as(service + ": registry.url " + registry)
          .contains(registry.getPort());
      assertThat(common.topics().replicationFactor()).isEqualTo((short) 3);
      assertThat(common.loadInventory().workflows()).hasSize(13);
      assertThat(dependsOn(service))
          .as(service + " starts once the brokers and the registry are healthy")
          .containsAllEntriesOf(
              Map.of(
                  "kafka-1", "service_healthy",
                  "kafka-2", "service_healthy",
                  "kafka-3", "service_healthy",
                  "registry", "service_healthy"));
    }
  }

  @Test
  void reconcilersAdvertiseTheirServiceNameAndServeOnThePortComposePublishes() {
    for (String service : List.of("reconciler-1", "reconciler-2")) {
      ConfigMap c = config(service);
      ReconcilerConfig config = ReconcilerConfig.from(c, CommonSettings.from(c));
      c.checkNoUnknownKeys();
      assertThat(config.advertisedHost()).isEqualTo(service);
      assertThat(config.httpHost()).isEqualTo("0.0.0.0");
      assertThat(containerPorts(service)).containsExactly(config.httpPort());
      assertThat(healthCheckPort(service)).isEqualTo(config.httpPort());
      assertThat(config.stateDir().toString()).startsWith(volumeTarget(service));
    }
  }

  @Test
  void ingestGetsEveryTokenVariableItsConfigurationNames() {
    ConfigMap c = config("ingest");
    Map<String, String> environment = environment("ingest");
    List<Map<String, Object>> tokens = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    for (Object item : c.list("ingest.auth.tokens")) {
      Map<String, Object> token = new LinkedHashMap<>(map(item));
      String variable = (String) token.remove("token-env");
      assertThat(variable).as("ingest.yaml: a token from the environment").isNotNull();
      variables.add(variable);
      String value = environment.get(variable);
      assertThat(value).as("compose.yaml: ingest's environment passes " + variable).isNotNull();
      Matcher defaulted = DEFAULTED.matcher(value);
      assertThat(defaulted.matches()).as(value + " is ${" + variable + ":-default}").isTrue();
      assertThat(defaulted.group(1)).isEqualTo(variable);
      token.put("token", defaulted.group(2));
      tokens.add(token);
    }
    assertThat(tokens).hasSize(2);
    if (variables.stream().allMatch(v -> System.getenv(v) == null)) {
      // without them the service would not start: what compose passes is needed
      assertThatThrownBy(() -> IngestConfig.from(c)).hasMessageContaining(variables.get(0));
    }
    ConfigMap withTokens = c.with(Map.of("ingest.auth.tokens", tokens));
    IngestConfig config = IngestConfig.from(withTokens);
    withTokens.checkNoUnknownKeys();
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(containerPorts("ingest")).containsExactly(config.port());
    assertThat(healthCheckPort("ingest")).isEqualTo(config.port());
    assertThat(config.schemaCacheDir().toString()).startsWith("/var/lib/dualrun/");
  }

  @Test
  void alertingDeliversToTheComposeReceiverAndLinksToAPageAReconcilerServes() throws Exception {
    ConfigMap c = config("alerting");
    AlertingConfig config = AlertingConfig.from(c);
    c.checkNoUnknownKeys();
    assertThat(containerPorts("alerting")).containsExactly(config.httpPort());
    assertThat(healthCheckPort("alerting")).isEqualTo(config.httpPort());
    assertThat(config.stateDir().toString()).startsWith(volumeTarget("alerting"));
    assertThat(config.receivers()).isNotEmpty();
    for (ReceiverConfig receiver : config.receivers()) {
      URI url = URI.create(receiver.url());
      assertThat(services).as(receiver.name() + ": " + url).containsKey(url.getHost());
      assertThat(containerPorts(url.getHost())).contains(url.getPort());
      assertThat(dependsOn("alerting")).containsEntry(url.getHost(), "service_healthy");
    }

    URI link =
        URI.create(
            config
                .pairUrlTemplate()
                .replace("{workflow}", "customer-dim")
                .replace("{partition}", "2026-11-12"));
    assertThat(link.getHost()).isIn("localhost", "127.0.0.1");
    String reconciler = servicePublishing(link.getPort());
    assertThat(reconciler)
        .as("the service published on " + link.getPort())
        .startsWith("reconciler");
    Javalin dashboard = Javalin.create(j -> j.showJavalinBanner = false);
    DashboardRoutes.routes(dashboard);
    dashboard.start("127.0.0.1", 0);
    try {
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + dashboard.port() + link.getPath()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as("GET " + link.getPath()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    } finally {
      dashboard.stop();
    }
  }

  @Test
  void everyServiceHasAHealthCheckOfItsOwn() {
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      Map<String, Object> health = map(service.getValue().get("healthcheck"));
      List<?> test = (List<?>) health.get("test");
      assertThat(test).as(service.getKey() + ": healthcheck.test").isNotEmpty();
      assertThat(test.get(0)).isEqualTo("CMD");
      if ("http-check".equals(test.get(1))) {
        assertThat(containerPorts(service.getKey())).contains(healthCheckPort(service.getKey()));
      } else {
        String program = Path.of(test.get(1).toString()).getFileName().toString();
        assertThat(DOCKER.resolve("kafka").resolve(program)).as(service.getKey()).isExecutable();
      }
    }
    assertThat(DOCKER.resolve("bin/http-check")).isExecutable();
  }

  @Test
  void theFlinkFileAddsASessionClusterAndSqlPointedAtItAndAtTheTopics() throws IOException {
    Map<String, Map<String, Object>> flink = new TreeMap<>();
    Object root =
        new Load(LoadSettings.builder().build())
            .loadFromString(Files.readString(DOCKER.resolve("compose-flink.yaml")));
    map(merged(map(root).get("services"))).forEach((name, s) -> flink.put(name, map(s)));
    assertThat(flink.keySet()).containsExactly("flink-jobmanager", "flink-taskmanager", "sql");
    assertThat(flink.keySet())
        .as("no name clash with compose.yaml")
        .doesNotContainAnyElementsOf(services.keySet());

    String pom = Files.readString(DOCKER.resolve("../pom.xml"));
    Matcher version = Pattern.compile("<flink.version>([^<]+)<").matcher(pom);
    assertThat(version.find()).isTrue();
    for (Map<String, Object> service : flink.values()) {
      assertThat(service.get("image")).isEqualTo("dualrun-flink:" + version.group(1));
      Map<String, Object> build = map(service.get("build"));
      assertThat(map(build.get("args")).get("BASE"))
          .isEqualTo("${DUALRUN_BASE_IMAGE:-eclipse-temurin:17-jre}");
      assertThat(Files.readString(DOCKER.resolve("..").resolve((String) build.get("dockerfile"))))
          .contains("ARG BASE=")
          .contains("FROM ${BASE}");
    }
    Map<String, Object> jobmanager = flink.get("flink-jobmanager");
    assertThat(strings(map(jobmanager.get("healthcheck")).get("test")))
        .containsExactly("CMD", "http-check", "8081", "/overview");
    List<String> published =
        services.values().stream()
            .flatMap(s -> ((List<?>) s.getOrDefault("ports", List.of())).stream())
            .map(p -> p.toString().split(":")[1])
            .toList();
    assertThat(strings(jobmanager.get("ports"))).containsExactly("127.0.0.1:8083:8081");
    assertThat(published).as("ports compose.yaml publishes").doesNotContain("8083");
    assertThat(map(map(flink.get("flink-taskmanager").get("depends_on")).get("flink-jobmanager")))
        .containsEntry("condition", "service_healthy");

    Map<String, Object> sql = flink.get("sql");
    assertThat(strings(sql.get("entrypoint"))).containsExactly("dualrun-sql");
    Map<String, Object> env = map(sql.get("environment"));
    Set<String> brokers = new TreeSet<>();
    servicesOfImage("dualrun-kafka:")
        .forEach(
            k ->
                brokers.add(
                    advertised(environment(k)).get("PLAINTEXT").replace("PLAINTEXT://", "")));
    assertThat(new TreeSet<>(List.of(env.get("DUALRUN_BOOTSTRAP_SERVERS").toString().split(","))))
        .isEqualTo(brokers);
    URI registry = URI.create(env.get("DUALRUN_REGISTRY_URL").toString());
    assertThat(containerPorts(registry.getHost())).contains(registry.getPort());
    assertThat(env.get("DUALRUN_FLINK")).isEqualTo("flink-jobmanager:8081");
    assertThat(env.get("DUALRUN_FLINK_SHIP_JARS"))
        .as("the image's cluster has the jars in lib/")
        .isEqualTo("false");
    assertThat(Files.readString(DOCKER.resolve("flink").resolve("Dockerfile")))
        .as("every jar of dualrun sql, the connector and format included, on the cluster's path")
        .contains(
            "for jar in *.jar; do ln -s \"/opt/dualrun-sql/lib/$jar\" \"/opt/flink/lib/$jar\"");
    for (String script : List.of("flink-node", "dualrun-sql")) {
      assertThat(DOCKER.resolve("flink").resolve(script)).isExecutable();
    }
  }

  @Test
  void kafkaNodesFormOneQuorumOfThree() {
    List<String> nodes = servicesOfImage("dualrun-kafka:");
    Set<String> clusterIds = new TreeSet<>();
    Set<String> voters = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    Set<String> hostPorts = new TreeSet<>();
    for (String node : nodes) {
      Map<String, String> env = environment(node);
      clusterIds.add(env.get("CLUSTER_ID"));
      voters.add(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
      ids.add(env.get("KAFKA_NODE_ID") + "@" + node + ":9093");
      Map<String, String> advertised = advertised(env);
      assertThat(advertised.get("PLAINTEXT")).isEqualTo("PLAINTEXT://" + node + ":9092");
      // the listener for clients on the host: declared, mapped, advertised where it is published
      String host = advertised.get("HOST");
      assertThat(host)
          .as(node + ": a HOST listener for clients on the host")
          .startsWith("HOST://127.0.0.1:");
      String port = host.substring(host.lastIndexOf(':') + 1);
      assertThat(env.get("KAFKA_LISTENERS")).contains("HOST://:" + port);
      assertThat(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).contains("HOST:PLAINTEXT");
      assertThat(ports(node))
          .as(node + " publishes its HOST listener")
          .contains("127.0.0.1:" + port + ":" + port);
      hostPorts.add(port);
      assertThat(volumeTarget(node)).isEqualTo("/var/lib/kafka");
    }
    assertThat(nodes).hasSize(3);
    assertThat(hostPorts).as("one host port per node").hasSize(3);
    assertThat(clusterIds).hasSize(1);
    assertThat(Uuid.fromString(clusterIds.iterator().next())).isNotNull();
    assertThat(voters).hasSize(1);
    assertThat(new TreeSet<>(List.of(voters.iterator().next().split(",")))).isEqualTo(ids);
  }

  @Test
  void imagesAreBuiltFromTheVersionsTheProjectUsesAndByTheTrialScript() throws IOException {
    String pom = Files.readString(DOCKER.resolve("../pom.xml"));
    Matcher apicurio = Pattern.compile("<apicurio.version>([^<]+)<").matcher(pom);
    assertThat(apicurio.find()).isTrue();
    for (String kafka : servicesOfImage("dualrun-kafka:")) {
      assertThat(image(kafka)).isEqualTo("dualrun-kafka:" + AppInfoParser.getVersion());
    }
    assertThat(image("registry")).isEqualTo("dualrun-registry:" + apicurio.group(1));

    String script = Files.readString(DOCKER.resolve("try-compose.sh"));
    for (String service : services.keySet()) {
      Map<String, Object> build = map(services.get(service).get("build"));
      String dockerfile = (String) build.get("dockerfile");
      assertThat(map(build.get("args")).get("BASE"))
          .isEqualTo("${DUALRUN_BASE_IMAGE:-eclipse-temurin:17-jre}");
      String text = Files.readString(DOCKER.resolve("..").resolve(dockerfile));
      assertThat(text).as(dockerfile).contains("ARG BASE=").contains("FROM ${BASE}");
      assertThat(script)
          .as("try-compose.sh builds the image of " + service)
          .contains("\"" + dockerfile + " " + image(service) + "\"");
    }
  }

  /** The image's inventory is the demo migration's, lineage and coverage included. */
  @Test
  void inventoryIsTheDemoMigrations() throws IOException {
    assertThat(InventoryLoader.load(CONFIG.resolve("workflows.yaml")).workflows()).hasSize(13);
    try (var demo = DockerConfigTest.class.getResourceAsStream("/demo/workflows.yaml")) {
      assertThat(Files.readString(CONFIG.resolve("workflows.yaml")))
          .as("docker/config/workflows.yaml against the demo's inventory")
          .isEqualTo(new String(demo.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** The shipped configuration file {@code service} runs with, the inventory read from here. */
  private static ConfigMap config(String service) {
    List<?> command = (List<?>) services.get(service).get("command");
    String file = command.get(command.indexOf("--config") + 1).toString();
    assertThat(file).startsWith(CONFIG_DIR);
    return ConfigMap.load(CONFIG.resolve(file.substring(CONFIG_DIR.length())))
        .with(LOCAL_INVENTORY);
  }

  private static List<String> servicesOfImage(String prefix) {
    return services.keySet().stream().filter(s -> image(s).startsWith(prefix)).toList();
  }

  private static String image(String service) {
    return services.get(service).get("image").toString();
  }

  private static Map<String, String> environment(String service) {
    Map<String, String> env = new TreeMap<>();
    map(services.get(service).get("environment")).forEach((k, v) -> env.put(k, v.toString()));
    return env;
  }

  private static Map<String, String> dependsOn(String service) {
    Map<String, String> conditions = new TreeMap<>();
    map(services.get(service).get("depends_on"))
        .forEach((k, v) -> conditions.put(k, map(v).get("condition").toString()));
    return conditions;
  }

  /** The container ports of {@code 127.0.0.1:HOST:CONTAINER} in the service's ports. */
  private static List<String> strings(Object list) {
    assertThat(list).isInstanceOf(List.class);
    return ((List<?>) list).stream().map(Object::toString).toList();
  }

  /** The published ports of {@code service} as written ({@code 127.0.0.1:HOST:CONTAINER}). */
  private static List<String> ports(String service) {
    List<?> ports = (List<?>) services.get(service).getOrDefault("ports", List.of());
    return ports.stream().map(Object::toString).toList();
  }

  /**
   * A Kafka node's advertised listeners by name ({@code PLAINTEXT -> PLAINTEXT://kafka-1:9092}).
   */
  private static Map<String, String> advertised(Map<String, String> environment) {
    Map<String, String> byName = new java.util.TreeMap<>();
    for (String listener : environment.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
      byName.put(listener.substring(0, listener.indexOf(':')), listener);
    }
    return byName;
  }

  private static List<Integer> containerPorts(String service) {
    List<?> ports = (List<?>) services.get(service).getOrDefault("ports", List.of());
    return ports.stream()
        .map(p -> p.toString().split(":"))
        .peek(p -> assertThat(p).as(service + ": published on 127.0.0.1 only").hasSize(3))
        .peek(p -> assertThat(p[0]).isEqualTo("127.0.0.1"))
        .map(p -> Integer.parseInt(p[2]))
        .toList();
  }

  private static String servicePublishing(int hostPort) {
    for (String service : services.keySet()) {
      List<?> ports = (List<?>) services.get(service).getOrDefault("ports", List.of());
      for (Object p : ports) {
        if (p.toString().split(":")[1].equals(Integer.toString(hostPort))) {
          return service;
        }
      }
    }
    return "(none)";
  }

  private static int healthCheckPort(String service) {
    List<?> test = (List<?>) map(services.get(service).get("healthcheck")).get("test");
    assertThat(test.get(1)).isEqualTo("http-check");
    return Integer.parseInt(test.get(2).toString());
  }

  /** Where the service's one volume is mounted. */
  private static String volumeTarget(String service) {
    List<?> volumes = (List<?>) services.get(service).get("volumes");
    assertThat(volumes).as(service + ": volumes").hasSize(1);
    return volumes.get(0).toString().split(":")[1];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  /** YAML merge keys ({@code <<: *anchor}) applied, as compose reads them, at every level. */
  private static Object merged(Object node) {
    if (node instanceof List<?> list) {
      return list.stream().map(DockerConfigTest::merged).toList();
    }
    if (!(node instanceof Map<?, ?> m)) {
      return node;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Object base = m.get("<<");
    if (base != null) {
      for (Object b : base instanceof List<?> l ? l : List.of(base)) {
        out.putAll(map(merged(b)));
      }
    }
    m.forEach(
        (k, v) -> {
          if (!"<<".equals(k)) {
            out.put(k.toString(), merged(v));
          }
        });
    return out;
  }
}
