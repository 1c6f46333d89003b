package io.plantline.quality.domain;

/**
 * The centre line and limits at one point, of the plotted statistic and of its companion (R, S, MR
 * or C−); NaN where a chart has none.
 */
public record PointLimits(
    double center,
    double upper,
    double lower,
    double secondaryCenter,
    double secondaryUpper,
    double secondaryLower) {

  /** σ of the plotted statistic at this point, from the distance of the upper limit. */
  public double sigmaOfPoint(double sigmaWidth) {
    return (upper - center) / sigmaWidth;
  }
}
