package io.dualrun.alerting.render;

import java.util.List;

/**
 * An alert as people read it: a title, labelled facts, one section per partition shown (what
 * differs, both runs, failed task and error, log and pair links), and links. Receivers lay it out
 * in their own format; {@link #text()} and {@link #html()} are the plain and HTML forms.
 */
public record RenderedAlert(
    String title, List<Fact> facts, List<Section> sections, List<Link> links, String footer) {

  public record Fact(String label, String value) {}

  public record Section(String heading, List<String> lines) {}

  public record Link(String label, String url) {}

  public RenderedAlert {
    facts = List.copyOf(facts);
    sections = List.copyOf(sections);
    links = List.copyOf(links);
  }

  public String text() {
    StringBuilder b = new StringBuilder(title).append("\n\n");
    facts.forEach(f -> b.append(f.label()).append(": ").append(f.value()).append('\n'));
    for (Section s : sections) {
      b.append('\n').append(s.heading()).append('\n');
      s.lines().forEach(l -> b.append("  ").append(l).append('\n'));
    }
    if (!links.isEmpty()) {
      b.append("\nLinks:\n");
      links.forEach(
          l -> b.append("  ").append(l.label()).append(": ").append(l.url()).append('\n'));
    }
    if (footer != null) {
      b.append('\n').append(footer).append('\n');
    }
    return b.toString();
  }

  public String html() {
    StringBuilder b = new StringBuilder("<html><body>");
    b.append("<h2>").append(escape(title)).append("</h2><table>");
    facts.forEach(
        f ->
            b.append("<tr><th align=\"left\">")
                .append(escape(f.label()))
                .append("</th><td>")
                .append(escape(f.value()))
                .append("</td></tr>"));
    b.append("</table>");
    for (Section s : sections) {
      b.append("<h3>").append(escape(s.heading())).append("</h3><ul>");
      s.lines().forEach(l -> b.append("<li>").append(escape(l)).append("</li>"));
      b.append("</ul>");
    }
    if (!links.isEmpty()) {
      b.append("<p>");
      links.forEach(
          l ->
              b.append("<a href=\"")
                  .append(escape(l.url()))
                  .append("\">")
                  .append(escape(l.label()))
                  .append("</a><br>"));
      b.append("</p>");
    }
    if (footer != null) {
      b.append("<p><small>").append(escape(footer)).append("</small></p>");
    }
    return b.append("</body></html>").toString();
  }

  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
