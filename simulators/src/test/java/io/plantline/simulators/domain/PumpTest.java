package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class PumpTest {

  /** Mean flow, head and power after settling at {@code pct} speed. */
  private static double[] settle(DeviceModel pump, double pct) {
    pump.write(Pump.SETPOINT, pct);
    Sim.run(pump, 30);
    double flow = 0;
    double head = 0;
    double power = 0;
    int n = 300;
    for (int i = 0; i < n; i++) {
      pump.advance(Sim.SECOND);
      flow += pump.read(Pump.FLOW) / n;
      head += (pump.read(Pump.DISCHARGE) - pump.read(Pump.SUCTION)) / n;
      power += pump.read(Pump.POWER) / n;
    }
    return new double[] {flow, head, power};
  }

  @Test
  void shouldDeliverTheRatedPointAtFullSpeed() {
    DeviceModel pump =
        Sim.create("pump", "ratedFlowM3h", 80, "ratedHeadBar", 5, "ratedPowerKw", 15);

    double[] rated = settle(pump, 100);

    assertThat(rated[0]).isCloseTo(80, withinPercentage(0.5));
    assertThat(rated[1]).isCloseTo(5, withinPercentage(0.5));
    assertThat(rated[2]).isCloseTo(15, withinPercentage(0.5));
  }

  @Test
  void shouldFollowTheAffinityLaws() {
    DeviceModel pump = Sim.create("pump");
    double[] full = settle(pump, 100);

    for (double pct : new double[] {80, 60, 40}) {
      double s = pct / 100;
      double[] part = settle(pump, pct);
      assertThat(part[0] / full[0]).as("flow ~ speed at %s%%", pct).isCloseTo(s, within(0.01));
      assertThat(part[1] / full[1]).as("head ~ speed² at %s%%", pct).isCloseTo(s * s, within(0.01));
      assertThat(part[2] / full[2])
          .as("power ~ speed³ at %s%%", pct)
          .isCloseTo(s * s * s, within(0.01));
    }
  }

  @Test
  void shouldLoseSuctionPressureWithFlow() {
    DeviceModel pump = Sim.create("pump", "suctionBar", 1.5);

    double running = Sim.mean(pump, Pump.SUCTION, 120);
    pump.apply(new DeviceEvent.Stop());
    Sim.run(pump, 60);
    double stopped = Sim.mean(pump, Pump.SUCTION, 120);

    assertThat(running).isCloseTo(1.5 - Pump.SUCTION_LOSS_BAR, within(0.005));
    assertThat(stopped).isCloseTo(1.5, within(0.005));
  }

  @Test
  void shouldStopDeliveringWhenStopped() {
    DeviceModel pump = Sim.create("pump");

    pump.apply(new DeviceEvent.Stop());
    Sim.run(pump, 60);

    assertThat(pump.read(Pump.STATE)).isZero();
    assertThat(pump.read(Pump.FLOW)).isLessThan(0.01);
    assertThat(pump.read(Pump.POWER)).isLessThan(0.01);
    assertThat(pump.read(Pump.DISCHARGE) - pump.read(Pump.SUCTION)).isCloseTo(0, within(0.05));
  }

  @Test
  void shouldRampUpWithAThreeSecondLagAfterTheRunCommand() {
    DeviceModel pump = Sim.create("pump", "running", false);
    Sim.run(pump, 10);
    assertThat(pump.read(Pump.FLOW)).isZero();

    pump.write(Pump.RUN_COMMAND, 1);
    Sim.run(pump, 3);
    double afterOneTimeConstant = ((Pump) pump).relativeSpeed();
    Sim.run(pump, 30);

    assertThat(pump.read(Pump.STATE)).isEqualTo(1);
    assertThat(pump.read(Pump.RUN_COMMAND)).isEqualTo(1);
    assertThat(afterOneTimeConstant).isCloseTo(1 - Math.exp(-1), within(1e-9));
    assertThat(pump.read(Pump.FLOW)).isCloseTo(50, withinPercentage(2));
  }

  @Test
  void shouldDeadHeadBelowTheStaticHead() {
    DeviceModel pump = Sim.create("pump", "staticHeadBar", 4);

    double[] half = settle(pump, 50);

    assertThat(half[0]).isZero();
    assertThat(half[1]).isCloseTo(PumpHydraulics.SHUTOFF_HEAD_FACTOR * 6 * 0.25, within(0.01));
  }

  @Test
  void shouldRejectSetpointsOutsideZeroToHundredAndReadOnlyWrites() {
    DeviceModel pump = Sim.create("pump");

    assertThatThrownBy(() -> pump.write(Pump.SETPOINT, 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speed_setpoint_pct");
    assertThatThrownBy(() -> pump.write(Pump.FLOW, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flow_m3_h")
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> pump.apply(new DeviceEvent.DegradeBearing(1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("pump does not support DegradeBearing");
  }
}
