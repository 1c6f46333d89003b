package io.plantline.quality.domain;

import java.util.List;

/**
 * The outcome of Phase I: the limits estimated from the baseline subgroups that remained after the
 * out-of-control ones were removed.
 *
 * @param limits the frozen parameters
 * @param used how many subgroups the final estimate used
 * @param excluded the numbers of the subgroups removed as out of control, in removal order
 * @param iterations how many estimates were made (1 if nothing was removed)
 */
public record Baseline(FrozenLimits limits, int used, List<Long> excluded, int iterations) {
  /** Copies the list. */
  public Baseline {
    excluded = List.copyOf(excluded);
  }
}
