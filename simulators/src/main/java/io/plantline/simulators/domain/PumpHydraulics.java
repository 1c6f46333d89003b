package io.plantline.simulators.domain;

/**
 * Operating point of a centrifugal pump on its system curve, at relative speed {@code s} (1 =
 * rated).
 *
 * <p>Pump curve: {@code H = H0 s^2 - a Q^2} with shut-off head {@code H0 = 1.3 H_rated}. System
 * curve: {@code H = H_static + K Q^2}, with {@code K} chosen so that both meet at the rated point.
 * Their intersection gives flow and head; with no static head this is exactly the affinity laws:
 * {@code Q ~ s}, {@code H ~ s^2}. Shaft power is {@code P_rated (0.25 s^3 + 0.75 Q H / (Q_rated
 * H_rated))}: disc friction plus hydraulic power, so also {@code P ~ s^3} without static head. A
 * pump too slow to overcome the static head runs against its closed check valve (no flow, shut-off
 * head).
 */
final class PumpHydraulics {

  static final double SHUTOFF_HEAD_FACTOR = 1.3;
  static final double DISC_FRICTION_SHARE = 0.25;

  /** Flow in m³/h, differential head in bar, shaft power in kW. */
  record OperatingPoint(double flowM3h, double headBar, double powerKw) {}

  private final PumpConfig config;
  private final double shutoffHeadBar;
  private final double pumpCoefficient;
  private final double systemCoefficient;

  PumpHydraulics(PumpConfig config) {
    this.config = config;
    double ratedFlow2 = config.ratedFlowM3h() * config.ratedFlowM3h();
    this.shutoffHeadBar = SHUTOFF_HEAD_FACTOR * config.ratedHeadBar();
    this.pumpCoefficient = (shutoffHeadBar - config.ratedHeadBar()) / ratedFlow2;
    this.systemCoefficient = (config.ratedHeadBar() - config.staticHeadBar()) / ratedFlow2;
  }

  OperatingPoint at(double relativeSpeed) {
    double s = Math.max(0, relativeSpeed);
    double pumpHead = shutoffHeadBar * s * s;
    double flow2 = (pumpHead - config.staticHeadBar()) / (pumpCoefficient + systemCoefficient);
    double flow = flow2 > 0 ? Math.sqrt(flow2) : 0;
    double head = flow > 0 ? config.staticHeadBar() + systemCoefficient * flow * flow : pumpHead;
    double hydraulic = flow * head / (config.ratedFlowM3h() * config.ratedHeadBar());
    double power =
        config.ratedPowerKw()
            * (DISC_FRICTION_SHARE * s * s * s + (1 - DISC_FRICTION_SHARE) * hydraulic);
    return new OperatingPoint(flow, head, power);
  }
}
