package io.dualrun.alerting.model;

import java.time.Instant;
import java.util.Map;

/**
 * An input record reduced to what alerting folds: a verdict revision of a pair (members per finding
 * kind present; kinds absent are resolved for that pair), or one freshness breach opened/closed.
 */
public record Signal(
    Type type,
    String workflow,
    String partition,
    String owner,
    Integer tier,
    int revision,
    Map<String, Member> members,
    boolean open,
    Instant time) {
  public enum Type {
    VERDICT,
    BREACH
  }

  public Signal {
    members = members == null ? Map.of() : Map.copyOf(members);
  }
}
