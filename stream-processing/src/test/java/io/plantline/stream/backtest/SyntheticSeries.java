package io.plantline.stream.backtest;

import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.rules.RuleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A temperature series one minute apart, 50 °C plus Gaussian noise (σ 0.3, seeded), with faults
 * injected at known rows: a one-row spike, a lasting step, a stuck sensor, a gap. The tests'
 * expectations come from these rows, not from a previous run.
 *
 * @param rows rows before the gap is cut out
 * @param seed noise seed
 * @param spikeRows rows whose value is 30 higher
 * @param stepRow first row of a +10 step that lasts to the end, or -1
 * @param stuckFrom first row of a stuck value, or -1
 * @param stuckTo first row after it
 * @param gapFrom first row left out, or -1
 * @param gapTo first row after the gap
 * @param plateaus pairs of rows [from, to) raised by the step height (a flickering threshold)
 */
public record SyntheticSeries(
    int rows,
    long seed,
    List<Integer> spikeRows,
    int stepRow,
    int stuckFrom,
    int stuckTo,
    int gapFrom,
    int gapTo,
    List<Integer> plateaus) {

  /** The first row's time, 2024-01-01T00:00:00Z. */
  public static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  /** One minute. */
  public static final long STEP_MS = 60_000;

  /** Height of a spike. */
  public static final double SPIKE = 30;

  /** Height of the step. */
  public static final double STEP = 10;

  /** A series with only a spike and a step. */
  public static SyntheticSeries spikeAndStep(int rows, int spikeRow, int stepRow, long seed) {
    return new SyntheticSeries(rows, seed, List.of(spikeRow), stepRow, -1, -1, -1, -1, List.of());
  }

  /** The rule file of the backtest tests. */
  public static RuleSet rules() {
    return RuleFiles.parse(resource(RULES), RULES);
  }

  /** Its resource name. */
  public static final String RULES = "backtest/backtest-rules.yaml";

  /** Row {@code i}'s time. */
  public static long time(int row) {
    return START + row * STEP_MS;
  }

  /** The kept rows' numbers (0-based, before the gap was cut out). */
  public List<Integer> keptRows() {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (gapFrom < 0 || i < gapFrom || i >= gapTo) {
        kept.add(i);
      }
    }
    return kept;
  }

  /** The value of every row (0-based, gap rows included). */
  public double[] values() {
    SplittableRandom noise = new SplittableRandom(seed);
    double[] v = new double[rows];
    for (int i = 0; i < rows; i++) {
      v[i] = 50 + 0.3 * noise.nextGaussian() + (stepRow >= 0 && i >= stepRow ? STEP : 0);
      for (int p = 0; p + 1 < plateaus.size(); p += 2) {
        if (i >= plateaus.get(p) && i < plateaus.get(p + 1)) {
          v[i] += STEP;
        }
      }
      if (spikeRows.contains(i)) {
        v[i] += SPIKE;
      }
      if (stuckFrom >= 0 && i > stuckFrom && i < stuckTo) {
        v[i] = v[stuckFrom];
      }
    }
    return v;
  }

  /** The kept rows as {@code timestamp,value} CSV in NAB's format, with a header. */
  public String csv() {
    double[] v = values();
    StringBuilder out = new StringBuilder("timestamp,value\n");
    for (int i : keptRows()) {
      out.append(Series.formatTime(time(i))).append(',').append(v[i]).append('\n');
    }
    return out.toString();
  }

  static String resource(String name) {
    try (InputStream in = SyntheticSeries.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
