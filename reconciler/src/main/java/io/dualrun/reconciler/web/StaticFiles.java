package io.dualrun.reconciler.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's files, read from the classpath and served with their content type and headers
 * that keep a page from loading anything but its own scripts (no inline script, no foreign origin).
 */
final class StaticFiles {
  /** Every asset that {@code /ui/{asset}} serves; anything else is 404. */
  static final Set<String> ASSET_NAMES =
      Set.of("dashboard.css", "common.js", "overview.js", "workflow.js", "pair.js");

  static final String SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8");

  private final String root;

  StaticFiles(String root) {
    this.root = root;
  }

  void serve(Context ctx, String name) {
    ctx.header("Content-Security-Policy", SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
    ctx.result(read(name));
  }

  private byte[] read(String name) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(root + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "dashboard file missing from the classpath: " + root + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard file " + root + name, e);
    }
  }
}
