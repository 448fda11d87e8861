package io.dualrun.cli;

import io.dualrun.config.ConfigMap;
import io.dualrun.platform.LocalPlatform;
import java.util.HashMap;
import java.util.Map;

/**
 * The services' configuration in standalone mode: the user's file (or nothing) with the local
 * platform's addresses and standalone defaults filled in. One {@link ConfigMap} is shared by every
 * service so that, once all have read their keys, a key nobody read is reported as unknown.
 */
final class ServiceSettings {
  private final ConfigMap user;
  private final StandaloneConfig standalone;
  private ConfigMap merged;

  private final StandaloneAccess access;

  ServiceSettings(ConfigMap user, StandaloneConfig standalone) {
    this.user = user;
    this.standalone = standalone;
    this.access = StandaloneAccess.of(user, standalone.dataDir());
  }

  /** Whether the user's configuration names any alert receiver. */
  boolean hasReceivers() {
    return user.has("receivers");
  }

  /** Who may use the HTTP API, and what the banner says about it. */
  StandaloneAccess access() {
    return access;
  }

  /** The configuration every service reads, bound to the running platform. */
  synchronized ConfigMap forPlatform(LocalPlatform platform) {
    if (merged == null) {
      Map<String, Object> defaults = new HashMap<>();
      defaults.put("reconciler.state-dir", standalone.dataDir().resolve("reconciler").toString());
      defaults.put("alerting.state-dir", standalone.dataDir().resolve("alerting").toString());
      defaults.put(
          "ingest.schema-cache-dir",
          standalone.dataDir().resolve("ingest").resolve("schema-cache").toString());
      defaults.put("links.pair-url-template", baseUrl() + "/pairs/{workflow}/{partition}");
      // one reconciler instance: no other instance could hold a standby copy of its tasks
      defaults.put("reconciler.streams.properties", Map.of("num.standby.replicas", "0"));
      defaults.putAll(access.defaults());
      Map<String, Object> platformKeys = new HashMap<>();
      platformKeys.put("kafka.bootstrap-servers", platform.bootstrapServers());
      platformKeys.put("registry.url", platform.registryUrl());
      platformKeys.put("topics.partitions", Integer.toString(standalone.topics().partitions()));
      platformKeys.put(
          "topics.replication-factor", Integer.toString(standalone.topics().replicationFactor()));
      Map<String, Object> withDefaults = new HashMap<>();
      defaults.forEach(
          (k, v) -> {
            if (!user.has(k)) {
              withDefaults.put(k, v);
            }
          });
      withDefaults.putAll(platformKeys);
      merged = user.with(withDefaults);
    }
    return merged;
  }

  String baseUrl() {
    return "http://" + standalone.httpHost() + ":" + standalone.httpPort();
  }

  /** Fails naming every configuration key no service read. */
  synchronized void checkNoUnknownKeys() {
    if (merged != null) {
      merged.checkNoUnknownKeys();
    }
  }
}
