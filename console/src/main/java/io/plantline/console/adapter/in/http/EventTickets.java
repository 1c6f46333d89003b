package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.ConsoleUser;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One-use tickets for the event stream: a browser's {@code EventSource} cannot send an {@code
 * Authorization} header, so it first asks for a ticket (with its token) and opens the stream with
 * {@code ?ticket=}. A ticket is 256 random bits, lives {@link #LIFETIME}, works once and carries
 * the user of the token that asked for it. At most {@code maxTickets} are outstanding. Thread-safe.
 */
final class EventTickets {
  /** How long a ticket may wait for its stream. */
  static final Duration LIFETIME = Duration.ofSeconds(30);

  private record Entry(ConsoleUser user, long expiresAtNanos) {}

  private final SecureRandom random = new SecureRandom();
  private final LinkedHashMap<String, Entry> tickets = new LinkedHashMap<>();
  private final int maxTickets;
  private final LongSupplier nanoTime;

  EventTickets(int maxTickets, LongSupplier nanoTime) {
    this.maxTickets = maxTickets;
    this.nanoTime = nanoTime;
  }

  /** A new ticket for {@code user}. */
  synchronized String issue(ConsoleUser user) {
    long now = nanoTime.getAsLong();
    purge(now);
    while (tickets.size() >= maxTickets) {
      tickets.remove(tickets.keySet().iterator().next());
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tickets.put(ticket, new Entry(user, now + LIFETIME.toNanos()));
    return ticket;
  }

  /** The user of {@code ticket} if it is known and fresh; the ticket is used up either way. */
  synchronized Optional<ConsoleUser> redeem(String ticket) {
    Entry entry = ticket == null ? null : tickets.remove(ticket);
    if (entry == null || entry.expiresAtNanos() - nanoTime.getAsLong() <= 0) {
      return Optional.empty();
    }
    return Optional.of(entry.user());
  }

  private void purge(long now) {
    Iterator<Map.Entry<String, Entry>> it = tickets.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().expiresAtNanos() - now <= 0) {
        it.remove();
      }
    }
  }
}
