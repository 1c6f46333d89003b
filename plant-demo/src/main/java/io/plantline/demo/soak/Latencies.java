package io.plantline.demo.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Latencies in milliseconds by the minute of the run their source time falls in. */
final class Latencies {
  private final Instant start;
  private final Map<Long, long[]> byMinute = new TreeMap<>();
  private final Map<Long, Integer> counts = new TreeMap<>();

  Latencies(Instant start) {
    this.start = start;
  }

  void add(Instant sourceTime, long millis) {
    long minute = Math.max(0, Duration.between(start, sourceTime).toMinutes());
    long[] values = byMinute.computeIfAbsent(minute, m -> new long[1024]);
    int n = counts.getOrDefault(minute, 0);
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
      byMinute.put(minute, values);
    }
    values[n] = millis;
    counts.put(minute, n + 1);
  }

  /** p50, p99 and max of one minute, or of all when {@code minute} is null. */
  Summary summary(Long minute) {
    long[] all;
    if (minute == null) {
      all =
          byMinute.entrySet().stream()
              .flatMapToLong(e -> Arrays.stream(e.getValue(), 0, counts.get(e.getKey())))
              .toArray();
    } else if (byMinute.containsKey(minute)) {
      all = Arrays.copyOf(byMinute.get(minute), counts.get(minute));
    } else {
      all = new long[0];
    }
    Arrays.sort(all);
    if (all.length == 0) {
      return new Summary(0, 0, 0, 0);
    }
    return new Summary(
        all.length,
        all[(int) Math.min(all.length - 1, Math.floor(all.length * 0.50))],
        all[(int) Math.min(all.length - 1, Math.floor(all.length * 0.99))],
        all[all.length - 1]);
  }

  Iterable<Long> minutes() {
    return byMinute.keySet();
  }

  /** A latency distribution: count, p50, p99 and max in milliseconds. */
  record Summary(long count, long p50Millis, long p99Millis, long maxMillis) {}
}
