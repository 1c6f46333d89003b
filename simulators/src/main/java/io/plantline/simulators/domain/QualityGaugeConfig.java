package io.plantline.simulators.domain;

/**
 * Parameters of a {@link QualityGauge}, as read from a plant file.
 *
 * @param nominalMm nominal dimension, mm
 * @param meanOffsetMm offset of the process mean from nominal, mm
 * @param sigmaMm process standard deviation, mm
 * @param cycleSeconds time between two measured parts, s
 * @param resolutionMm gauge resolution; readings are rounded to it, mm
 */
record QualityGaugeConfig(
    double nominalMm,
    double meanOffsetMm,
    double sigmaMm,
    double cycleSeconds,
    double resolutionMm) {

  static QualityGaugeConfig from(Params p) {
    QualityGaugeConfig config =
        new QualityGaugeConfig(
            p.number("nominalMm", 25.000, 0, 100_000),
            p.number("meanOffsetMm", 0, -1000, 1000),
            p.number("sigmaMm", 0.004, 0, 1000),
            p.number("cycleSeconds", 20, 0.01, 86_400),
            p.number("resolutionMm", 0.001, 1e-6, 10));
    p.rejectUnknown();
    return config;
  }
}
