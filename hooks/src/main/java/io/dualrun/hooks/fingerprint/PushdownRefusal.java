package io.dualrun.hooks.fingerprint;

/**
 * Why the database cannot compute a fingerprint bit-identical to the client's: the column, its
 * database type and the reason. {@code --pushdown} fails with it (exit 2); the default falls back
 * to the client path and says why.
 */
public final class PushdownRefusal extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  PushdownRefusal(String column, String type, String reason) {
    super("--pushdown: column " + column + " (" + type + "): " + reason);
  }

  PushdownRefusal(String reason) {
    super("--pushdown: " + reason);
  }
}
