package io.dualrun.alerting.silence;

import io.dualrun.alerting.model.Member;
import io.dualrun.config.text.Glob;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A silence: alerts (or the partitions of an alert) matching every matcher are recorded as SILENCED
 * instead of being sent, from {@code startsAt} until {@code endsAt}.
 *
 * @param matchers field (workflow, kind, output, partition) → exact value or glob
 */
public record Silence(
    String id,
    Map<String, String> matchers,
    Instant startsAt,
    Instant endsAt,
    String reason,
    String createdBy,
    Instant createdAt) {
  public static final Set<String> FIELDS = Set.of("workflow", "kind", "output", "partition");

  public Silence {
    matchers = Map.copyOf(matchers);
  }

  public boolean active(Instant now) {
    return !startsAt.isAfter(now) && endsAt.isAfter(now);
  }

  public String state(Instant now) {
    return active(now) ? "active" : startsAt.isAfter(now) ? "pending" : "expired";
  }

  /** Whether this silence covers one partition (member) of the alert {@code workflow/kind}. */
  public boolean covers(String workflow, String kind, Member member) {
    if (!alertMatches(workflow, kind) || !match("partition", member.partition())) {
      return false;
    }
    String output = matchers.get("output");
    return output == null || member.outputs().stream().anyMatch(o -> Glob.matches(output, o));
  }

  /** Whether this silence covers a partition known only by name (no output known). */
  public boolean covers(String workflow, String kind, String partition) {
    return alertMatches(workflow, kind)
        && match("partition", partition)
        && !matchers.containsKey("output");
  }

  private boolean alertMatches(String workflow, String kind) {
    return match("workflow", workflow) && match("kind", kind);
  }

  private boolean match(String field, String value) {
    String glob = matchers.get(field);
    return glob == null || Glob.matches(glob, value);
  }

  public Silence expiredAt(Instant now) {
    return new Silence(id, matchers, startsAt, now, reason, createdBy, createdAt);
  }
}
