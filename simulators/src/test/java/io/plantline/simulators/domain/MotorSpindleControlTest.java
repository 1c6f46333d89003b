package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MotorSpindleControlTest {

  @Test
  void shouldSpinDownAfterStop() {
    DeviceModel motor = Sim.create("motor-spindle");
    Sim.run(motor, 60);

    motor.apply(new DeviceEvent.Stop());
    Sim.run(motor, 2);
    double afterOneTimeConstant = motor.read(MotorSpindle.SPEED);
    Sim.run(motor, 18);

    assertThat(motor.read(MotorSpindle.STATE)).isZero();
    assertThat(motor.read(MotorSpindle.RUN_COMMAND)).isZero();
    assertThat(afterOneTimeConstant).isCloseTo(3000 * Math.exp(-1), within(5.0));
    assertThat(motor.read(MotorSpindle.SPEED)).isLessThan(0.001 * 3000);
    assertThat(motor.read(MotorSpindle.CURRENT)).isZero();
  }

  @Test
  void shouldFollowTheSetpointWithATwoSecondLag() {
    DeviceModel motor = Sim.create("motor-spindle");

    motor.write(MotorSpindle.SETPOINT, 1500);
    motor.advance(Duration.ofSeconds(2));
    double afterTwoSeconds = motor.read(MotorSpindle.SPEED);
    Sim.run(motor, 20);

    assertThat(motor.read(MotorSpindle.SETPOINT)).isEqualTo(1500);
    assertThat(afterTwoSeconds).isCloseTo(1500 + 1500 * Math.exp(-1), within(5.0));
    assertThat(motor.read(MotorSpindle.SPEED)).isCloseTo(1500, within(3.0));
  }

  @Test
  void shouldStartAndStopWithTheRunCommand() {
    DeviceModel motor = Sim.create("motor-spindle", "running", false, "setpointRpm", 2000);
    Sim.run(motor, 10);
    assertThat(motor.read(MotorSpindle.SPEED)).isZero();
    assertThat(motor.read(MotorSpindle.CURRENT)).isZero();

    motor.write(MotorSpindle.RUN_COMMAND, 1);
    Sim.run(motor, 15);
    assertThat(motor.read(MotorSpindle.STATE)).isEqualTo(1);
    assertThat(motor.read(MotorSpindle.RUN_COMMAND)).isEqualTo(1);
    assertThat(motor.read(MotorSpindle.SPEED)).isCloseTo(2000, within(5.0));

    motor.write(MotorSpindle.RUN_COMMAND, 0);
    Sim.run(motor, 30);
    assertThat(motor.read(MotorSpindle.STATE)).isZero();
    assertThat(motor.read(MotorSpindle.SPEED)).isLessThan(1);
  }

  @Test
  void shouldDrawRatedCurrentAtRatedSpeedAndLessAtHalfSpeed() {
    DeviceModel motor = Sim.create("motor-spindle", "ratedCurrentA", 20);
    Sim.run(motor, 30);
    double rated = Sim.mean(motor, MotorSpindle.CURRENT, 120);

    motor.write(MotorSpindle.SETPOINT, 1500);
    Sim.run(motor, 30);
    double half = Sim.mean(motor, MotorSpindle.CURRENT, 120);

    assertThat(rated).isCloseTo(20, within(0.2));
    assertThat(half).isCloseTo(20 * (0.3 + 0.7 * 0.25), within(0.2));
  }

  @Test
  void shouldDrawExtraCurrentWhileAccelerating() {
    DeviceModel motor = Sim.create("motor-spindle", "running", false);
    Sim.run(motor, 5);

    motor.apply(new DeviceEvent.Start());
    motor.advance(Duration.ofMillis(100));
    double accelerating = motor.read(MotorSpindle.CURRENT);

    assertThat(accelerating).isGreaterThan(0.3 * 12 + 0.4 * 12);
  }

  @Test
  void shouldCountPartsAndOperatingHoursWhileRunning() {
    DeviceModel motor = Sim.create("motor-spindle", "partsPerMinute", 6);

    Sim.runMinutes(motor, 60);
    motor.apply(new DeviceEvent.Stop());
    Sim.runMinutes(motor, 30);

    assertThat(motor.read(MotorSpindle.PART_COUNT)).isBetween(359.0, 360.0);
    assertThat(motor.read(MotorSpindle.OPERATING_HOURS)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldRefuseWritesToReadOnlyAndUnknownPoints() {
    DeviceModel motor = Sim.create("motor-spindle");

    assertThatThrownBy(() -> motor.write(MotorSpindle.SPEED, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speed_rpm")
        .hasMessageContaining("read-only")
        .hasMessageContaining("speed_setpoint_rpm");
    assertThatThrownBy(() -> motor.write("torque_nm", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("torque_nm");
    assertThatThrownBy(() -> motor.read("serial_number"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serial_number");
  }

  @Test
  void shouldRejectOutOfRangeSetpointsAndCommands() {
    DeviceModel motor = Sim.create("motor-spindle");

    assertThatThrownBy(() -> motor.write(MotorSpindle.SETPOINT, 3601))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speed_setpoint_rpm")
        .hasMessageContaining("3600");
    assertThatThrownBy(() -> motor.write(MotorSpindle.SETPOINT, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> motor.write(MotorSpindle.RUN_COMMAND, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 or 1");
    assertThat(motor.read(MotorSpindle.SETPOINT)).isEqualTo(3000);
  }

  @Test
  void shouldRejectProcessEvents() {
    DeviceModel motor = Sim.create("motor-spindle");

    assertThatThrownBy(() -> motor.apply(new DeviceEvent.Shift("speed_rpm", 1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("motor-spindle does not support Shift");
  }

  @Test
  void shouldExposeThePointsOfTheRegisterMapInOrder() {
    DeviceModel motor = Sim.create("motor-spindle");

    assertThat(motor.points())
        .containsExactly(
            "state",
            "speed_rpm",
            "current_a",
            "winding_temperature_c",
            "bearing_vibration_mm_s",
            "part_count",
            "operating_hours",
            "speed_setpoint_rpm",
            "run_command",
            "fault_reset",
            "fault_active");
  }
}
