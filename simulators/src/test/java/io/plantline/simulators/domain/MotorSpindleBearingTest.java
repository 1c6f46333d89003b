package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MotorSpindleBearingTest {

  @Test
  void shouldFailBearingAfterWearReachesOne() {
    DeviceModel motor = Sim.create("motor-spindle");
    motor.apply(new DeviceEvent.DegradeBearing(0.5));

    long seconds = Sim.secondsUntil(motor, MotorSpindle.STATE, s -> s == 2, 4 * 3600);

    assertThat(seconds / 3600.0).isCloseTo(2.0, within(1.0 / 60));
    assertThat(motor.read(MotorSpindle.FAULT_ACTIVE)).isEqualTo(1);
    assertThat(((MotorSpindle) motor).faultCause())
        .isEqualTo(MotorSpindle.FaultCause.BEARING_FAILURE);
  }

  @Test
  void shouldRaiseVibrationAndTemperatureAsTheBearingWears() {
    DeviceModel motor = Sim.create("motor-spindle");
    Sim.runMinutes(motor, 120);
    double newVibration = Sim.mean(motor, MotorSpindle.VIBRATION, 300);
    double newTemperature = Sim.mean(motor, MotorSpindle.TEMPERATURE, 60);

    motor.apply(new DeviceEvent.DegradeBearing(0.5));
    Sim.runMinutes(motor, 105);
    double wear = ((MotorSpindle) motor).bearingWear() + 0.5 * 150 / 3600;
    double wornVibration = Sim.mean(motor, MotorSpindle.VIBRATION, 300);
    double wornTemperature = Sim.mean(motor, MotorSpindle.TEMPERATURE, 60);

    assertThat(newVibration)
        .isCloseTo(
            MotorSpindle.BASE_VIBRATION_MM_S, within(0.05 * MotorSpindle.BASE_VIBRATION_MM_S));
    assertThat(wear).isCloseTo(0.896, within(0.001));
    assertThat(wornVibration / newVibration).isCloseTo(1 + 8 * wear * wear, within(0.5));
    assertThat(wornTemperature - newTemperature).isGreaterThan(15);
    assertThat(motor.read(MotorSpindle.STATE)).isEqualTo(1);
  }

  @Test
  void shouldWearOnlyWhileRunning() {
    DeviceModel motor = Sim.create("motor-spindle", "running", false);
    motor.apply(new DeviceEvent.DegradeBearing(0.5));

    Sim.runMinutes(motor, 60);
    assertThat(((MotorSpindle) motor).bearingWear()).isZero();

    motor.write(MotorSpindle.RUN_COMMAND, 1);
    Sim.runMinutes(motor, 30);
    assertThat(((MotorSpindle) motor).bearingWear()).isCloseTo(0.25, within(1e-6));
  }

  @Test
  void shouldStartWithTheInitialWear() {
    DeviceModel motor = Sim.create("motor-spindle", "initialWear", 0.5);

    double vibration = Sim.mean(motor, MotorSpindle.VIBRATION, 300);

    assertThat(vibration).isCloseTo(MotorSpindle.BASE_VIBRATION_MM_S * 3, within(0.15));
  }

  @Test
  void shouldStayFaultedAfterTheBearingFailed() {
    DeviceModel motor = Sim.create("motor-spindle", "initialWear", 0.99);
    motor.apply(new DeviceEvent.DegradeBearing(1));
    Sim.secondsUntil(motor, MotorSpindle.STATE, s -> s == 2, 3600);
    Sim.runMinutes(motor, 120);

    motor.write(MotorSpindle.FAULT_RESET, 1);
    motor.write(MotorSpindle.RUN_COMMAND, 1);

    assertThat(motor.read(MotorSpindle.STATE)).isEqualTo(2);
    assertThat(motor.read(MotorSpindle.RUN_COMMAND)).isZero();
    assertThat(motor.read(MotorSpindle.SPEED)).isZero();
    assertThatThrownBy(() -> motor.apply(new DeviceEvent.ResetFault()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bearing has failed");
    assertThatThrownBy(() -> motor.apply(new DeviceEvent.Start()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Start refused");
  }

  @Test
  void shouldCoastDownAfterTheBearingFailed() {
    DeviceModel motor = Sim.create("motor-spindle", "initialWear", 0.99);
    motor.apply(new DeviceEvent.DegradeBearing(3.6));
    long seconds = Sim.secondsUntil(motor, MotorSpindle.STATE, s -> s == 2, 60);
    assertThat(seconds).isBetween(9L, 11L);

    Sim.run(motor, 8);
    double afterOneCoastTimeConstant = motor.read(MotorSpindle.SPEED);
    Sim.run(motor, 60);

    assertThat(afterOneCoastTimeConstant).isBetween(0.3 * 3000, 0.45 * 3000);
    assertThat(motor.read(MotorSpindle.SPEED)).isLessThan(5);
    assertThat(motor.read(MotorSpindle.CURRENT)).isZero();
  }
}
