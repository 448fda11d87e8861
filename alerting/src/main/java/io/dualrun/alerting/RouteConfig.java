package io.dualrun.alerting;

import io.dualrun.alerting.delivery.Routes;
import io.dualrun.alerting.receiver.ReceiverConfig;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses {@code routes}: owner → receiver names (a list or one name), plus {@code default}. */
final class RouteConfig {
  private RouteConfig() {}

  static Routes parse(ConfigMap c, List<ReceiverConfig> receivers) {
    Object raw = c.raw(AlertingConfig.ROUTES.name());
    Set<String> names = receivers.stream().map(ReceiverConfig::name).collect(Collectors.toSet());
    Map<String, List<String>> byOwner = new LinkedHashMap<>();
    List<String> defaults = List.of();
    if (raw != null && !(raw instanceof Map<?, ?>)) {
      throw new ConfigException(c.source() + ": routes: must be a mapping of owner: [receivers]");
    }
    if (raw instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String owner = String.valueOf(e.getKey());
        List<String> targets = targets(c, owner, e.getValue(), names);
        if (owner.equals("default")) {
          defaults = targets;
        } else {
          byOwner.put(owner, targets);
        }
      }
    }
    if (!receivers.isEmpty() && (raw == null || !((Map<?, ?>) raw).containsKey("default"))) {
      throw new ConfigException(
          c.source()
              + ": routes.default: is required when receivers are configured (receivers for"
              + " owners without a route; may be [])");
    }
    return new Routes(byOwner, defaults);
  }

  private static List<String> targets(ConfigMap c, String owner, Object value, Set<String> names) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    } else if (value != null) {
      out.add(String.valueOf(value));
    }
    for (String name : out) {
      if (!names.contains(name)) {
        throw new ConfigException(
            c.source()
                + ": routes."
                + owner
                + ": unknown receiver '"
                + name
                + "'; known: "
                + names);
      }
    }
    return out;
  }
}
