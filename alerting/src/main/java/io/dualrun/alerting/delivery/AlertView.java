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

/**
 * The latest emission of every alert and its recent delivery history, for {@code /v1/alerts}: the
 * attempts of this instance as they are made, those of every instance as they are read from the
 * notifications topic (each once).
 */
public final class AlertView {
  /** Attempts kept per alert. */
  public static final int HISTORY = 100;

  private final Map<String, AlertEvent> latest = new ConcurrentHashMap<>();
  private final Map<String, Deque<Recorded>> history = new ConcurrentHashMap<>();

  private record Recorded(String notificationId, Attempt attempt) {}

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

  /** Adds {@code n} to its alert's history, unless it is there already. */
  public void record(Notification n) {
    Deque<Recorded> h = history.computeIfAbsent(n.getAlertId(), id -> new ArrayDeque<>());
    synchronized (h) {
      if (h.stream().anyMatch(r -> r.notificationId().equals(n.getNotificationId()))) {
        return;
      }
      h.addLast(new Recorded(n.getNotificationId(), Attempt.of(n)));
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
    Deque<Recorded> h = history.get(alertId);
    if (h == null) {
      return List.of();
    }
    synchronized (h) {
      return h.stream().map(Recorded::attempt).toList();
    }
  }
}
