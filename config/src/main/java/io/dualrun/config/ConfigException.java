package io.dualrun.config;

/** A service configuration is invalid; the message names the source, the key and the reason. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
