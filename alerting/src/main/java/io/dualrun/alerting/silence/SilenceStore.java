package io.dualrun.alerting.silence;

import io.dualrun.alerting.kafka.KeyedLog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Silences, kept durably in the compacted silences topic (keyed by silence id). */
public final class SilenceStore {
  private final KeyedLog<Silence> log;

  public SilenceStore(KeyedLog<Silence> log) {
    this.log = log;
  }

  public Silence add(Silence silence) {
    log.put(silence.id(), silence);
    return silence;
  }

  /** Ends a silence now; the expired silence stays listed. */
  public Optional<Silence> expire(String id, Instant now) {
    Silence s = log.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Silence expired = s.endsAt().isAfter(now) ? s.expiredAt(now) : s;
    log.put(id, expired);
    return Optional.of(expired);
  }

  public Optional<Silence> get(String id) {
    return Optional.ofNullable(log.get(id));
  }

  public List<Silence> all() {
    return log.all().values().stream()
        .sorted(Comparator.comparing(Silence::createdAt).reversed())
        .toList();
  }

  public List<Silence> active(Instant now) {
    return log.all().values().stream().filter(s -> s.active(now)).toList();
  }
}
