package io.plantline.console.domain;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Login sessions ended by a logout: every token of such a session is refused, refreshed ones
 * included. An entry is kept until the session could not have a valid token any more (its login
 * plus the session limit), then dropped; at most {@code capacity} are kept (past that, a logout is
 * refused with 503 rather than forgotten). The table is this replica's view: each logout is also
 * published ({@link SessionLog}) and every replica, a restarted one included, reads all of them
 * back into its table.
 */
public final class SessionRevocations {
  private final Map<String, Instant> ended = new ConcurrentHashMap<>();
  private final int capacity;
  private final Supplier<Instant> now;

  public SessionRevocations(int capacity, Supplier<Instant> now) {
    this.capacity = capacity;
    this.now = now;
  }

  /**
   * Ends session {@code sessionId} until {@code until}.
   *
   * @return false when the table is full even after dropping what has run out
   */
  public boolean end(String sessionId, Instant until) {
    Instant t = now.get();
    if (ended.size() >= capacity) {
      ended.values().removeIf(u -> !u.isAfter(t));
      if (ended.size() >= capacity) {
        return false;
      }
    }
    ended.merge(sessionId, until, (a, b) -> a.isAfter(b) ? a : b);
    return true;
  }

  /** Whether {@code sessionId} was ended. */
  public boolean isEnded(String sessionId) {
    Instant until = ended.get(sessionId);
    return until != null && until.isAfter(now.get());
  }

  /** Sessions currently ended (for a gauge). */
  public int size() {
    return ended.size();
  }
}
