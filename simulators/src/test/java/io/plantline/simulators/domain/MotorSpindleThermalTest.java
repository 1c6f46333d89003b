package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MotorSpindleThermalTest {

  private static final String T = MotorSpindle.TEMPERATURE;

  @Test
  void shouldRiseByFortyToSixtyKelvinAtRatedLoadInSteadyState() {
    DeviceModel motor = Sim.create("motor-spindle", "ambientC", 25);

    Sim.runMinutes(motor, 6 * 20);
    double rise = Sim.mean(motor, T, 600) - 25;

    assertThat(rise).isBetween(40.0, 60.0).isCloseTo(MotorSpindle.RATED_RISE_K, within(1.0));
  }

  @Test
  void shouldReachSixtyThreePercentOfTheRiseAfterOneTimeConstant() {
    DeviceModel motor = Sim.create("motor-spindle", "thermalTimeConstantMin", 20);
    double target = 25 + 0.632 * MotorSpindle.RATED_RISE_K;

    long seconds = Sim.secondsUntil(motor, T, t -> t >= target, 3 * 3600);

    assertThat(seconds / 60.0).isBetween(16.0, 24.0);
  }

  @Test
  void shouldScaleTheTimeConstantWithItsParameter() {
    DeviceModel motor = Sim.create("motor-spindle", "thermalTimeConstantMin", 30);
    double target = 25 + 0.632 * MotorSpindle.RATED_RISE_K;

    long seconds = Sim.secondsUntil(motor, T, t -> t >= target, 3 * 3600);

    assertThat(seconds / 60.0).isBetween(24.0, 36.0);
  }

  @Test
  void shouldRunHotterWithoutTrippingWhenHalfTheCoolingIsLost() {
    DeviceModel motor = Sim.create("motor-spindle");
    motor.apply(new DeviceEvent.Overheat(0.5));

    Sim.runMinutes(motor, 6 * 40);

    assertThat(Sim.mean(motor, T, 600) - 25).isCloseTo(100, within(5.0));
    assertThat(motor.read(MotorSpindle.STATE)).isEqualTo(1);
  }

  @Test
  void shouldTripAboveOneHundredFiftyFiveDegreesWhenCoolingFails() {
    DeviceModel motor = Sim.create("motor-spindle");
    motor.apply(new DeviceEvent.Overheat(0.7));

    long seconds = Sim.secondsUntil(motor, MotorSpindle.FAULT_ACTIVE, f -> f == 1, 6 * 3600);

    assertThat(seconds).isPositive();
    assertThat(motor.read(MotorSpindle.STATE)).isEqualTo(2);
    assertThat(motor.read(T)).isGreaterThan(154.5);
    assertThat(((MotorSpindle) motor).faultCause())
        .isEqualTo(MotorSpindle.FaultCause.OVER_TEMPERATURE);
    Sim.run(motor, 60);
    assertThat(motor.read(MotorSpindle.SPEED)).isLessThan(10);
    assertThat(motor.read(MotorSpindle.CURRENT)).isZero();
  }

  @Test
  void shouldAllowResetOnlyAfterTheWindingCooledBelowTheResetThreshold() {
    DeviceModel motor = Sim.create("motor-spindle");
    motor.apply(new DeviceEvent.Overheat(0.7));
    Sim.secondsUntil(motor, MotorSpindle.FAULT_ACTIVE, f -> f == 1, 6 * 3600);

    assertThatThrownBy(() -> motor.apply(new DeviceEvent.ResetFault()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("100 °C");
    motor.write(MotorSpindle.FAULT_RESET, 1);
    assertThat(motor.read(MotorSpindle.FAULT_ACTIVE)).isEqualTo(1);

    long cooling = Sim.secondsUntil(motor, T, t -> t < 99, 6 * 3600);
    motor.write(MotorSpindle.FAULT_RESET, 1);

    assertThat(cooling).isPositive();
    assertThat(motor.read(MotorSpindle.FAULT_ACTIVE)).isZero();
    assertThat(motor.read(MotorSpindle.STATE)).isZero();
    motor.apply(new DeviceEvent.Overheat(0));
    motor.apply(new DeviceEvent.Start());
    Sim.run(motor, 20);
    assertThat(motor.read(MotorSpindle.SPEED)).isCloseTo(3000, within(15.0));
  }

  @Test
  void shouldCoolTowardsAmbientWhenStopped() {
    DeviceModel motor = Sim.create("motor-spindle", "ambientC", 20);
    Sim.runMinutes(motor, 120);
    motor.apply(new DeviceEvent.Stop());

    Sim.runMinutes(motor, 6 * 20);

    assertThat(motor.read(T)).isCloseTo(20, within(1.0));
  }
}
