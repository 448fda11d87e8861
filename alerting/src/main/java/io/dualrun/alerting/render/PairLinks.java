package io.dualrun.alerting.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the link to a pair from {@code links.pair-url-template} ({workflow}, {partition}). */
public final class PairLinks {
  private final String template;

  public PairLinks(String template) {
    this.template = template;
  }

  public String url(String workflow, String partition) {
    if (template == null || template.isBlank()) {
      return null;
    }
    return template
        .replace("{workflow}", encode(workflow))
        .replace("{partition}", encode(partition));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
