package io.plantline.console.domain;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a user name, a client address), created full on first use. At
 * most {@code maxKeys} buckets are kept: full buckets are forgotten first (they carry no state),
 * then the least recently used. Thread-safe.
 */
public final class RateLimiter {
  private final double ratePerSecond;
  private final int burst;
  private final int maxKeys;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<String, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

  /**
   * @param ratePerSecond refill rate per key
   * @param burst bucket size per key
   * @param maxKeys most keys remembered
   * @param nanoTime the clock, {@code System::nanoTime} in production
   */
  public RateLimiter(double ratePerSecond, int burst, int maxKeys, LongSupplier nanoTime) {
    new TokenBucket(ratePerSecond, burst, 0); // validates
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1");
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a token for {@code key}.
   *
   * @return 0 when allowed, otherwise the nanoseconds to wait
   */
  public synchronized long tryAcquire(String key) {
    long now = nanoTime.getAsLong();
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys) {
        evict(now);
      }
      bucket = new TokenBucket(ratePerSecond, burst, now);
      buckets.put(key, bucket);
    }
    return bucket.tryTake(now);
  }

  /** Nanoseconds until {@code key} may go again, without taking a token (0 = now). */
  public synchronized long waitTime(String key) {
    TokenBucket bucket = buckets.get(key);
    return bucket == null ? 0 : bucket.waitTime(nanoTime.getAsLong());
  }

  /** Keys currently remembered. */
  public synchronized int size() {
    return buckets.size();
  }

  private void evict(long now) {
    Iterator<Map.Entry<String, TokenBucket>> it = buckets.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isFull(now)) {
        it.remove();
      }
    }
    it = buckets.entrySet().iterator();
    while (buckets.size() >= maxKeys && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
