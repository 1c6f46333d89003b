package io.plantline.simulators.domain;

/**
 * Parameters of a {@link Pump}, as read from a plant file.
 *
 * @param ratedFlowM3h flow at rated speed on the system curve, m³/h
 * @param ratedHeadBar differential pressure at that flow, bar
 * @param ratedPowerKw shaft power at that point, kW
 * @param suctionBar suction pressure at zero flow, bar
 * @param staticHeadBar static part of the system curve, bar (0 = pure friction, e.g. a loop)
 * @param running whether the pump runs from the start (already up to speed)
 * @param speedSetpointPct initial speed setpoint, % of rated
 */
record PumpConfig(
    double ratedFlowM3h,
    double ratedHeadBar,
    double ratedPowerKw,
    double suctionBar,
    double staticHeadBar,
    boolean running,
    double speedSetpointPct) {

  static PumpConfig from(Params p) {
    double head = p.number("ratedHeadBar", 6, 0.01, 1000);
    PumpConfig config =
        new PumpConfig(
            p.number("ratedFlowM3h", 50, 0.01, 100_000),
            head,
            p.number("ratedPowerKw", 11, 0.01, 100_000),
            p.number("suctionBar", 1.0, 0, 100),
            p.number("staticHeadBar", 0, 0, 0.9 * head),
            p.flag("running", true),
            p.number("speedSetpointPct", 100, 0, 100));
    p.rejectUnknown();
    return config;
  }
}
