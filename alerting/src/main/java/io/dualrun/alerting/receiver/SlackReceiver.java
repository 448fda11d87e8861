package io.dualrun.alerting.receiver;

import io.dualrun.alerting.render.RenderedAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhook: a Block Kit message with a header, a section of fields, one section per
 * partition shown, and a context block of links. Respects Block Kit limits (header 150 chars, ≤10
 * fields of ≤2000 chars, section text ≤3000, ≤10 context elements, ≤50 blocks).
 */
public final class SlackReceiver extends HttpReceiver {
  static final int HEADER_MAX = 150;
  static final int FIELD_MAX = 2000;
  static final int SECTION_MAX = 3000;
  static final int FIELDS_MAX = 10;
  static final int CONTEXT_MAX = 10;

  public SlackReceiver(ReceiverConfig config) {
    super(config, ReceiverType.SLACK, null);
  }

  @Override
  public int deliver(ReceiverRequest out) throws DeliveryException {
    return post(message(out.message()), Map.of());
  }

  static Map<String, Object> message(RenderedAlert m) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", plain(cut(m.title(), HEADER_MAX))));
    List<Object> fields = new ArrayList<>();
    m.facts().stream()
        .limit(FIELDS_MAX)
        .forEach(
            f -> fields.add(mrkdwn(cut("*" + esc(f.label()) + "*\n" + esc(f.value()), FIELD_MAX))));
    blocks.add(Map.of("type", "section", "fields", fields));
    for (RenderedAlert.Section s : m.sections()) {
      StringBuilder text = new StringBuilder("*").append(esc(s.heading())).append("*");
      s.lines().forEach(l -> text.append("\n• ").append(esc(l)));
      blocks.add(Map.of("type", "section", "text", mrkdwn(cut(text.toString(), SECTION_MAX))));
    }
    List<Object> context = new ArrayList<>();
    m.links().stream()
        .limit(CONTEXT_MAX)
        .forEach(l -> context.add(mrkdwn("<" + l.url() + "|" + esc(l.label()) + ">")));
    if (context.isEmpty() && m.footer() != null) {
      context.add(mrkdwn(esc(m.footer())));
    }
    if (!context.isEmpty()) {
      blocks.add(Map.of("type", "context", "elements", context));
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", m.title());
    message.put("blocks", blocks);
    return message;
  }

  private static Map<String, Object> plain(String text) {
    return Map.of("type", "plain_text", "text", text, "emoji", true);
  }

  private static Map<String, Object> mrkdwn(String text) {
    return Map.of("type", "mrkdwn", "text", text);
  }

  /** Slack's mrkdwn escaping of &, < and >. */
  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
