package io.dualrun.alerting.delivery;

import java.util.List;
import java.util.Map;

/** Owner → receiver names; owners not listed (and alerts without owner) use the default route. */
public record Routes(Map<String, List<String>> byOwner, List<String> defaults) {
  public Routes {
    byOwner = Map.copyOf(byOwner);
    defaults = List.copyOf(defaults);
  }

  public List<String> receiversFor(String owner) {
    return owner == null ? defaults : byOwner.getOrDefault(owner, defaults);
  }
}
