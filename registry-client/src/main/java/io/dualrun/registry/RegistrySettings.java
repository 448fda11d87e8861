package io.dualrun.registry;

import java.net.URI;
import java.util.Objects;

/**
 * Where the Confluent-API schema registry is and how to log in to it.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}
 * @param username basic-auth user, or null for none
 * @param password basic-auth password, or null for none
 * @param autoRegister whether serializers register their schema under {@code <topic>-value}
 */
public record RegistrySettings(String url, String username, String password, boolean autoRegister) {

  public RegistrySettings {
    Objects.requireNonNull(url, "registry url");
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "registry url '" + url + "' must be an absolute http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "registry url '" + url + "' is not a URL: " + e.getMessage(), e);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("registry username and password must be given together");
    }
  }

  public static RegistrySettings of(String url) {
    return new RegistrySettings(url, null, null, true);
  }

  public boolean hasBasicAuth() {
    return username != null;
  }
}
