package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class EnergyMeterTest {

  private static final int DAY = 24 * 3600;

  @Test
  void shouldIntegratePowerIntoTheEnergyCounterOverASimulatedDay() {
    DeviceModel meter = Sim.create("energy-meter", "initialEnergyKwh", 1000);
    double integralKwh = 0;

    for (int s = 0; s < DAY; s++) {
      meter.advance(Sim.SECOND);
      integralKwh += meter.read(EnergyMeter.ACTIVE_POWER) / 3600;
    }

    assertThat(meter.read(EnergyMeter.ENERGY) - 1000).isCloseTo(integralKwh, withinPercentage(0.1));
  }

  @Test
  void shouldFollowTheShiftProfileOverTheDay() {
    DeviceModel meter =
        Sim.create(
            "energy-meter",
            "baseLoadKw",
            20,
            "peakLoadKw",
            120,
            "shiftStartHour",
            6,
            "shiftEndHour",
            22,
            "startHourOfDay",
            0);

    Sim.run(meter, 2 * 3600);
    double night = Sim.mean(meter, EnergyMeter.ACTIVE_POWER, 3600);
    Sim.run(meter, 7 * 3600);
    double shift = Sim.mean(meter, EnergyMeter.ACTIVE_POWER, 3600);
    Sim.run(meter, 13 * 3600);

    assertThat(night).isCloseTo(20, withinPercentage(8));
    assertThat(shift).isCloseTo(120, withinPercentage(8));
    double expectedKwh = 20 * 24 + 100 * (16 - ShiftLoadProfile.RAMP_HOURS);
    assertThat(meter.read(EnergyMeter.ENERGY)).isCloseTo(expectedKwh, withinPercentage(3));
  }

  @Test
  void shouldStartAtTheConfiguredHourOfDay() {
    DeviceModel evening = Sim.create("energy-meter", "startHourOfDay", 23);
    DeviceModel morning = Sim.create("energy-meter", "startHourOfDay", 8);

    assertThat(Sim.mean(evening, EnergyMeter.ACTIVE_POWER, 600)).isLessThan(30);
    assertThat(Sim.mean(morning, EnergyMeter.ACTIVE_POWER, 600)).isGreaterThan(100);
  }

  @Test
  void shouldKeepPowerVoltagesAndCurrentsConsistent() {
    DeviceModel meter = Sim.create("energy-meter", "powerFactor", 0.9);

    for (int step = 0; step < 200; step++) {
      Sim.run(meter, 37);
      double pf = meter.read(EnergyMeter.POWER_FACTOR);
      double sumUi = 0;
      for (int i = 0; i < 3; i++) {
        double u = meter.read(EnergyMeter.VOLTAGES[i]);
        assertThat(u).isCloseTo(230, withinPercentage(4));
        sumUi += u * meter.read(EnergyMeter.CURRENTS[i]);
      }
      double p = meter.read(EnergyMeter.ACTIVE_POWER);
      assertThat(sumUi * pf / 1000).isCloseTo(p, offset(1e-9 * p));
      assertThat(meter.read(EnergyMeter.REACTIVE_POWER))
          .isCloseTo(p * Math.tan(Math.acos(pf)), offset(1e-9 * p));
      assertThat(pf).isCloseTo(0.9, within(0.03));
      assertThat(meter.read(EnergyMeter.FREQUENCY)).isCloseTo(50, within(0.1));
    }
  }

  @Test
  void shouldDrawCurrentsMatchingThreePhasePowerFormula() {
    DeviceModel meter = Sim.create("energy-meter", "startHourOfDay", 12);
    Sim.run(meter, 60);

    double p = meter.read(EnergyMeter.ACTIVE_POWER);
    double pf = meter.read(EnergyMeter.POWER_FACTOR);
    double meanCurrent = 0;
    double meanLineVoltage = 0;
    for (int i = 0; i < 3; i++) {
      meanCurrent += meter.read(EnergyMeter.CURRENTS[i]) / 3;
      meanLineVoltage += Math.sqrt(3) * meter.read(EnergyMeter.VOLTAGES[i]) / 3;
    }

    assertThat(Math.sqrt(3) * meanLineVoltage * meanCurrent * pf / 1000)
        .isCloseTo(p, withinPercentage(1));
  }

  @Test
  void shouldHaveNoWritablePointsNorEvents() {
    DeviceModel meter = Sim.create("energy-meter");

    assertThatThrownBy(() -> meter.write(EnergyMeter.ENERGY, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("energy_kwh' is read-only");
    assertThatThrownBy(() -> meter.apply(new DeviceEvent.Start()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("energy-meter does not support Start");
  }

  @Test
  void shouldRejectAPeakBelowTheBaseLoad() {
    assertThatThrownBy(() -> Sim.create("energy-meter", "baseLoadKw", 50, "peakLoadKw", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("peakLoadKw")
        .hasMessageContaining("baseLoadKw");
  }
}
