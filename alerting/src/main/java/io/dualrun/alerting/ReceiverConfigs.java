package io.dualrun.alerting;

import io.dualrun.alerting.receiver.RateLimit;
import io.dualrun.alerting.receiver.ReceiverConfig;
import io.dualrun.alerting.receiver.ReceiverType;
import io.dualrun.alerting.receiver.SmtpSettings;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code receivers} list; errors name {@code receivers[i].key}. */
final class ReceiverConfigs {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(s|m|h|d)");

  private ReceiverConfigs() {}

  static List<ReceiverConfig> parse(ConfigMap c) {
    List<ReceiverConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<?> list = AlertingConfig.RECEIVERS.from(c);
    for (int i = 0; i < list.size(); i++) {
      String where = c.source() + ": receivers[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw new ConfigException(where + ": must be a mapping (name, type, url, …)");
      }
      @SuppressWarnings("unchecked")
      ConfigMap r = ConfigMap.of(where, (Map<String, ?>) map);
      ReceiverConfig config = receiver(r, where);
      if (!names.add(config.name())) {
        throw new ConfigException(where + ".name: '" + config.name() + "' is used twice");
      }
      r.checkNoUnknownKeys();
      out.add(config);
    }
    return out;
  }

  private static ReceiverConfig receiver(ConfigMap r, String where) {
    String name = r.required("name");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(where + ".name: '" + name + "' must match " + NAME.pattern());
    }
    ReceiverType type = type(r, where);
    String url = type == ReceiverType.EMAIL ? null : url(r, where, type);
    String routingKey = r.string("routing-key", null);
    if (type == ReceiverType.PAGERDUTY && (routingKey == null || routingKey.isBlank())) {
      throw new ConfigException(where + ".routing-key: is required for pagerduty");
    }
    return new ReceiverConfig(
        name,
        type,
        url,
        routingKey,
        r.stringMap("headers"),
        rate(r, where),
        r.duration("timeout", Duration.ofSeconds(10)),
        r.duration("resend-interval", Duration.ofMinutes(1)),
        type == ReceiverType.EMAIL ? smtp(r, where) : null);
  }

  private static ReceiverType type(ConfigMap r, String where) {
    String t = r.required("type");
    try {
      return ReceiverType.valueOf(t.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          where + ".type: '" + t + "' must be webhook, slack, pagerduty, alertmanager or email");
    }
  }

  private static String url(ConfigMap r, String where, ReceiverType type) {
    String fallback = type == ReceiverType.PAGERDUTY ? "https://events.pagerduty.com" : null;
    String url = r.string("url", fallback);
    if (url == null) {
      throw new ConfigException(where + ".url: is required for " + type.wire());
    }
    try {
      URI uri = URI.create(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ".url: '" + url + "' must be an http(s) URL");
    }
    return url;
  }

  private static RateLimit rate(ConfigMap r, String where) {
    String v = r.string("rate-limit", null);
    if (v == null) {
      return RateLimit.UNLIMITED;
    }
    Matcher m = RATE.matcher(v.trim());
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
      throw new ConfigException(
          where + ".rate-limit: '" + v + "' must be N/s, N/m, N/h or N/d with N ≥ 1 (e.g. 30/m)");
    }
    Duration period =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          default -> Duration.ofDays(1);
        };
    return new RateLimit(Integer.parseInt(m.group(1)), period);
  }

  private static SmtpSettings smtp(ConfigMap r, String where) {
    List<String> to = new ArrayList<>();
    Object raw = r.raw("to");
    if (raw instanceof List<?> l) {
      l.forEach(x -> to.add(String.valueOf(x)));
    } else if (raw != null) {
      to.add(String.valueOf(raw));
    }
    if (to.isEmpty()) {
      throw new ConfigException(where + ".to: is required for email (one address or a list)");
    }
    String user = r.string("username", null);
    String password = r.string("password", null);
    if ((user == null) != (password == null)) {
      throw new ConfigException(where + ": username and password must be given together");
    }
    return new SmtpSettings(
        r.required("smtp-host"),
        r.integer("smtp-port", 25, 1, 65535),
        r.required("from"),
        to,
        user,
        password,
        r.bool("starttls", false));
  }
}
