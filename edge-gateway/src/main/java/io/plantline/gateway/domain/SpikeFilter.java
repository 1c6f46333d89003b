package io.plantline.gateway.domain;

/**
 * A spike filter for the values of one point: it passes plausible values and replaces isolated
 * outliers with a robust estimate. Stateful and not thread-safe: use one instance per point; each
 * factory call returns a fresh filter.
 *
 * <p>The windowed filters are causal (the window ends at the current value), so a genuine step
 * change is held back until it fills half the window and then passes. NaN values pass unchanged and
 * do not enter the window.
 */
public interface SpikeFilter {

  /** Filters the next value; returns it unchanged, or its replacement when it is a spike. */
  double apply(double value);

  /** True when the last value was replaced. */
  boolean lastWasSpike();

  /** A filter that passes every value. */
  static SpikeFilter none() {
    return new WindowedSpikeFilter.PassThrough();
  }

  /**
   * The median of the last three values (the current and the two before it). A single spike is
   * replaced; a step change passes from its second value on. The first two values pass unchanged.
   */
  static SpikeFilter medianOf3() {
    return new WindowedSpikeFilter.MedianOf3();
  }

  /**
   * The Hampel identifier over the current value and the {@code 2 * halfWindow} values before it: a
   * value further than {@code nSigmas * 1.4826 * MAD} from the window's median is replaced by the
   * median (MAD: median absolute deviation from the median). Values pass unchanged until the window
   * is full; a step change passes once it fills more than half the window.
   *
   * @param halfWindow at least 1; the window holds {@code 2 * halfWindow + 1} values
   * @param nSigmas the threshold in robust standard deviations, finite and positive
   */
  static SpikeFilter hampel(int halfWindow, double nSigmas) {
    return new WindowedSpikeFilter.Hampel(halfWindow, nSigmas);
  }
}
