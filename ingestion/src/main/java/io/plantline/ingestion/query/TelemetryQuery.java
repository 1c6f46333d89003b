package io.plantline.ingestion.query;

import io.plantline.contracts.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A validated {@code GET /api/v1/devices/{id}/telemetry} query: one metric over {@code [from, to)},
 * downsampled into buckets of {@code step} when a step is given, raw points otherwise.
 *
 * @param metric metric name
 * @param from inclusive start
 * @param to exclusive end
 * @param step bucket width; empty for raw points
 */
public record TelemetryQuery(String metric, Instant from, Instant to, Optional<Duration> step) {

  /**
   * Parses and checks the query parameters against {@code limits}.
   *
   * @throws BadQueryException naming the parameter: metric missing or not an id; from/to missing,
   *     not ISO-8601 instants, {@code from >= to} or the range over {@code limits.maxRange()}; step
   *     not an ISO-8601 duration, zero or negative, or more buckets than {@code limits.maxPoints()}
   */
  public static TelemetryQuery parse(
      String metric, String from, String to, String step, QueryLimits limits) {
    if (metric == null || metric.isBlank()) {
      throw new BadQueryException("metric", "missing");
    }
    if (!Ids.isValid(metric)) {
      throw new BadQueryException("metric", "not a metric name: " + metric);
    }
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (!start.isBefore(end)) {
      throw new BadQueryException("from", "must be before to (" + from + " >= " + to + ")");
    }
    Duration range = Duration.between(start, end);
    if (range.compareTo(limits.maxRange()) > 0) {
      throw new BadQueryException(
          "to", "range " + range + " is longer than the maximum " + limits.maxRange());
    }
    Optional<Duration> width = Optional.empty();
    if (step != null && !step.isBlank()) {
      Duration parsed;
      try {
        parsed = Duration.parse(step);
      } catch (DateTimeParseException e) {
        throw new BadQueryException("step", "not an ISO-8601 duration such as PT1M: " + step);
      }
      if (parsed.isZero() || parsed.isNegative()) {
        throw new BadQueryException("step", "must be positive, was " + step);
      }
      if (parsed.compareTo(limits.maxRange()) > 0) {
        throw new BadQueryException(
            "step", "longer than the maximum range " + limits.maxRange() + ": " + step);
      }
      long buckets = buckets(range, parsed);
      if (buckets > limits.maxPoints()) {
        throw new BadQueryException(
            "step",
            "gives "
                + buckets
                + " buckets, more than the maximum "
                + limits.maxPoints()
                + "; use a larger step");
      }
      width = Optional.of(parsed);
    }
    return new TelemetryQuery(metric, start, end, width);
  }

  /** Number of buckets of {@code step} needed to cover {@code range}. */
  static long buckets(Duration range, Duration step) {
    java.math.BigInteger r = nanos(range);
    java.math.BigInteger s = nanos(step);
    java.math.BigInteger[] qr = r.divideAndRemainder(s);
    java.math.BigInteger n = qr[1].signum() == 0 ? qr[0] : qr[0].add(java.math.BigInteger.ONE);
    return n.min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
  }

  private static java.math.BigInteger nanos(Duration d) {
    return java.math.BigInteger.valueOf(d.getSeconds())
        .multiply(java.math.BigInteger.valueOf(1_000_000_000L))
        .add(java.math.BigInteger.valueOf(d.getNano()));
  }

  private static Instant instant(String name, String text) {
    if (text == null || text.isBlank()) {
      throw new BadQueryException(name, "missing");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadQueryException(
          name, "not an ISO-8601 instant such as 2026-01-31T12:00:00Z: " + text);
    }
  }
}
