package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.schemas.avro.Notification;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest emission of every alert and its recent delivery history, for {@code /v1/alerts}. */
public final class AlertView {
  /** Attempts kept per alert. */
  public static final int HISTORY = 100;

  private final Map<String, AlertEvent> latest = new ConcurrentHashMap<>();
  private final Map<String, Deque<Attempt>> history = new ConcurrentHashMap<>();

  /** Keeps {@code e} if it is newer than what is known; returns whether it was. */
  public boolean update(AlertEvent e) {
    boolean[] newer = {false};
    latest.compute(
        e.alertId(),
        (id, old) -> {
          if (old == null || old.version() < e.version()) {
            newer[0] = true;
            return e;
          }
          return old;
        });
    return newer[0];
  }

  public void record(Notification n) {
    Deque<Attempt> h = history.computeIfAbsent(n.getAlertId(), id -> new ArrayDeque<>());
    synchronized (h) {
      h.addLast(Attempt.of(n));
      while (h.size() > HISTORY) {
        h.removeFirst();
      }
    }
  }

  public Optional<AlertEvent> alert(String alertId) {
    return Optional.ofNullable(latest.get(alertId));
  }

  public List<AlertEvent> alerts() {
    return latest.values().stream().sorted(Comparator.comparing(AlertEvent::alertId)).toList();
  }

  public List<Attempt> history(String alertId) {
    Deque<Attempt> h = history.get(alertId);
    if (h == null) {
      return List.of();
    }
    synchronized (h) {
      return List.copyOf(h);
    }
  }
}
