package io.dualrun.alerting.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** The folded state of one alert (value of the alerts state store, keyed by alertId). */
public final class AlertState {
  private String alertId;
  private String workflow;
  private String kind;
  private String owner;
  private Integer tier;
  private TreeMap<String, Member> members = new TreeMap<>();
  private long version;
  private Instant dirtySince;
  private boolean annotated;
  private AlertStatus status = AlertStatus.RESOLVED;
  private TreeSet<String> notifiedKeys = new TreeSet<>();
  private List<String> notifiedPartitions = new ArrayList<>();
  private Instant lastNotifiedAt;
  private Instant openedAt;
  private Instant resolvedAt;

  AlertState() {}

  public AlertState(String workflow, String kind) {
    this.alertId = alertId(workflow, kind);
    this.workflow = workflow;
    this.kind = kind;
  }

  public static String alertId(String workflow, String kind) {
    return workflow + "/" + kind;
  }

  public String alertId() {
    return alertId;
  }

  public String workflow() {
    return workflow;
  }

  public String kind() {
    return kind;
  }

  public String owner() {
    return owner;
  }

  public Integer tier() {
    return tier;
  }

  public void describe(String owner, Integer tier) {
    if (owner != null) {
      this.owner = owner;
    }
    if (tier != null) {
      this.tier = tier;
    }
  }

  public TreeMap<String, Member> members() {
    return members;
  }

  /** Adds or refreshes a member; a new key is a material change. */
  public void put(Member member, Instant now) {
    if (members.put(member.key(), member) == null) {
      touch(now);
    }
  }

  /**
   * Replaces a member by the same one with more to say (a drill-down's rows): a material change
   * although no partition joined or left.
   */
  public void annotate(Member member, Instant now) {
    members.put(member.key(), member);
    annotated = true;
    touch(now);
  }

  /** Whether a member was annotated since the last emission. */
  public boolean annotated() {
    return annotated;
  }

  /** Removes a member (resolved); a material change when it was there. */
  public void remove(String key, Instant now) {
    if (members.remove(key) != null) {
      touch(now);
    }
  }

  private void touch(Instant now) {
    if (dirtySince == null) {
      dirtySince = now;
    }
  }

  public Instant dirtySince() {
    return dirtySince;
  }

  public long version() {
    return version;
  }

  public AlertStatus status() {
    return status;
  }

  public Instant lastNotifiedAt() {
    return lastNotifiedAt;
  }

  public TreeSet<String> notifiedKeys() {
    return notifiedKeys;
  }

  /** Partitions announced by the last emission. */
  public List<String> notifiedPartitions() {
    return notifiedPartitions;
  }

  public Instant openedAt() {
    return openedAt;
  }

  public Instant resolvedAt() {
    return resolvedAt;
  }

  /** Distinct partitions of the current members, sorted. */
  public List<String> partitions() {
    return new ArrayList<>(
        new TreeSet<>(members.values().stream().map(Member::partition).toList()));
  }

  /** Records an emission: bumps the version and remembers what was announced. */
  public void emitted(AlertStatus newStatus, Instant now) {
    version++;
    dirtySince = null;
    annotated = false;
    lastNotifiedAt = now;
    if (newStatus == AlertStatus.FIRING && status != AlertStatus.FIRING) {
      openedAt = now;
      resolvedAt = null;
    }
    if (newStatus == AlertStatus.RESOLVED && status == AlertStatus.FIRING) {
      resolvedAt = now;
    }
    status = newStatus;
    notifiedKeys = new TreeSet<>(members.keySet());
    notifiedPartitions = partitions();
  }

  /** Clears a change that turned out not to be material (e.g. added then resolved in the wait). */
  public void settle() {
    dirtySince = null;
    annotated = false;
  }
}
