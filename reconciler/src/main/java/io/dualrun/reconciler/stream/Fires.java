package io.dualrun.reconciler.stream;

import io.dualrun.inventory.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memo of {@link Schedule#nextFire}: every task walks the same schedules over the same fires, many
 * workflows share a cron expression and time zone (a fire does not depend on anything else), and
 * computing a cron fire is costly. Bounded: emptied when it holds {@link #MAX_ENTRIES} fires.
 */
final class Fires {
  static final int MAX_ENTRIES = 100_000;

  private record Key(String expression, ZoneId zone, Instant after) {}

  private final Map<Key, Optional<Instant>> memo = new ConcurrentHashMap<>();

  /** The first fire of {@code schedule} strictly after {@code after}. */
  Optional<Instant> next(Schedule schedule, Instant after) {
    Key key = new Key(schedule.expression(), schedule.zone(), after);
    Optional<Instant> fire = memo.get(key);
    if (fire == null) {
      fire = schedule.nextFire(after);
      if (memo.size() >= MAX_ENTRIES) {
        memo.clear();
      }
      memo.put(key, fire);
    }
    return fire;
  }
}
