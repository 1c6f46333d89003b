package io.plantline.console.adapter.in.http;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Login sessions ended by a logout: every token of such a session is refused, refreshed ones
 * included. An entry is kept until the session could not have a valid token any more (its login
 * plus {@link UserTokens#SESSION_LIMIT}), then dropped; at most {@code capacity} are kept (past
 * that, a logout is refused with 503 rather than forgotten). In memory: a console restart forgets
 * them, so a token taken before the restart works again until it expires (at most {@link
 * UserTokens#LIFETIME}).
 */
final class SessionRevocations {
  private final Map<String, Instant> ended = new ConcurrentHashMap<>();
  private final int capacity;
  private final Supplier<Instant> now;

  SessionRevocations(int capacity, Supplier<Instant> now) {
    this.capacity = capacity;
    this.now = now;
  }

  /**
   * Ends session {@code sessionId} until {@code until}.
   *
   * @return false when the table is full even after dropping what has run out
   */
  boolean end(String sessionId, Instant until) {
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
  boolean isEnded(String sessionId) {
    Instant until = ended.get(sessionId);
    return until != null && until.isAfter(now.get());
  }

  /** Sessions currently ended (for a gauge). */
  int size() {
    return ended.size();
  }
}
