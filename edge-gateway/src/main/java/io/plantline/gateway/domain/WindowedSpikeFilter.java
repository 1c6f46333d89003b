package io.plantline.gateway.domain;

import java.util.Arrays;

/**
 * The {@link SpikeFilter} implementations: a ring buffer of the last raw values and a rule that
 * decides, from the full window, what the current value becomes.
 */
abstract class WindowedSpikeFilter implements SpikeFilter {

  /** Gaussian consistency constant: 1.4826 * MAD estimates the standard deviation. */
  static final double MAD_TO_SIGMA = 1.4826;

  private final double[] window;
  private int size;
  private int next;
  private boolean lastWasSpike;

  WindowedSpikeFilter(int windowSize) {
    this.window = new double[windowSize];
  }

  @Override
  public final double apply(double value) {
    lastWasSpike = false;
    if (Double.isNaN(value)) {
      return value;
    }
    window[next] = value;
    next = (next + 1) % window.length;
    size = Math.min(size + 1, window.length);
    if (size < window.length) {
      return value;
    }
    double[] sorted = window.clone();
    Arrays.sort(sorted);
    double result = filter(value, sorted);
    lastWasSpike = Double.compare(result, value) != 0;
    return result;
  }

  @Override
  public final boolean lastWasSpike() {
    return lastWasSpike;
  }

  /**
   * The filtered value for {@code value}, given the full window sorted ascending (it includes the
   * value).
   */
  abstract double filter(double value, double[] sorted);

  static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** Passes every value. */
  static final class PassThrough extends WindowedSpikeFilter {
    PassThrough() {
      super(1);
    }

    @Override
    double filter(double value, double[] sorted) {
      return value;
    }
  }

  /** The median of the last three values. */
  static final class MedianOf3 extends WindowedSpikeFilter {
    MedianOf3() {
      super(3);
    }

    @Override
    double filter(double value, double[] sorted) {
      return sorted[1];
    }
  }

  /** The Hampel identifier over a causal window of {@code 2 * halfWindow + 1} values. */
  static final class Hampel extends WindowedSpikeFilter {
    private final double nSigmas;

    Hampel(int halfWindow, double nSigmas) {
      super(windowSize(halfWindow));
      if (!Double.isFinite(nSigmas) || nSigmas <= 0) {
        throw new IllegalArgumentException("nSigmas must be finite and > 0, was " + nSigmas);
      }
      this.nSigmas = nSigmas;
    }

    private static int windowSize(int halfWindow) {
      if (halfWindow < 1 || halfWindow > 1000) {
        throw new IllegalArgumentException("halfWindow must be 1..1000, was " + halfWindow);
      }
      return 2 * halfWindow + 1;
    }

    @Override
    double filter(double value, double[] sorted) {
      double median = median(sorted);
      double[] deviations = new double[sorted.length];
      for (int i = 0; i < sorted.length; i++) {
        deviations[i] = Math.abs(sorted[i] - median);
      }
      Arrays.sort(deviations);
      double sigma = MAD_TO_SIGMA * median(deviations);
      return Math.abs(value - median) > nSigmas * sigma ? median : value;
    }
  }
}
