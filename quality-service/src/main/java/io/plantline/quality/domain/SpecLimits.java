package io.plantline.quality.domain;

import java.util.OptionalDouble;

/**
 * Specification limits and target of a characteristic; at least one limit.
 *
 * @param lower LSL, if any
 * @param upper USL, if any
 * @param target the target (nominal), if any
 */
public record SpecLimits(OptionalDouble lower, OptionalDouble upper, OptionalDouble target) {

  /** Checks at least one limit is given and LSL &lt; USL; messages name the field. */
  public SpecLimits {
    if (lower.isEmpty() && upper.isEmpty()) {
      throw new IllegalArgumentException("spec: give lsl, usl or both");
    }
    if (lower.isPresent() && upper.isPresent() && !(lower.getAsDouble() < upper.getAsDouble())) {
      throw new IllegalArgumentException("spec.usl: must be above lsl");
    }
    if (target.isPresent()) {
      double t = target.getAsDouble();
      if ((lower.isPresent() && t < lower.getAsDouble())
          || (upper.isPresent() && t > upper.getAsDouble())) {
        throw new IllegalArgumentException("spec.target: must lie within lsl..usl");
      }
    }
  }
}
