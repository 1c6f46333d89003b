package io.plantline.quality.domain;

/** Phase I cannot estimate limits: too few (in-control) subgroups, or no variation at all. */
public final class InsufficientBaselineException extends RuntimeException {
  /** With the reason. */
  public InsufficientBaselineException(String reason) {
    super(reason);
  }
}
