package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The machine meter: load by run state over the week, and the meter's scenario events. */
class MachineMeterTest {
  private static final int HOUR = 3600;

  private static MachineDutyCycle week(Object... keyValues) {
    Map<String, Object> params = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new MachineDutyCycle(MachineMeterConfig.from(new Params("machine-meter", params)));
  }

  @Test
  void shouldSetUpRunAndSwitchOffByTheShiftOfWorkingDaysOnly() {
    // Monday 05:00 at time zero; shift 06:00-22:00 with 30 min setup; Monday to Friday
    MachineDutyCycle cycle = week("startHourOfDay", 5);

    assertThat(cycle.scheduled(0.5 * HOUR)).isEqualTo(MachineState.OFF);
    assertThat(cycle.scheduled(1.2 * HOUR)).isEqualTo(MachineState.SETUP);
    assertThat(cycle.scheduled(1.6 * HOUR)).isEqualTo(MachineState.RUNNING);
    assertThat(cycle.scheduled(16.9 * HOUR)).isEqualTo(MachineState.RUNNING);
    assertThat(cycle.scheduled(17.1 * HOUR)).isEqualTo(MachineState.OFF);
    // Friday 21:00 runs, Saturday and Sunday noon are off, Monday 07:00 runs again
    assertThat(cycle.scheduled((4 * 24 + 16) * HOUR)).isEqualTo(MachineState.RUNNING);
    assertThat(cycle.scheduled((5 * 24 + 7) * HOUR)).isEqualTo(MachineState.OFF);
    assertThat(cycle.scheduled((6 * 24 + 7) * HOUR)).isEqualTo(MachineState.OFF);
    assertThat(cycle.scheduled((7 * 24 + 2) * HOUR)).isEqualTo(MachineState.RUNNING);
  }

  @Test
  void shouldKeepANightShiftOnTheDayItStarted() {
    // Friday 20:00 at time zero, shift 22:00-06:00: Friday's night shift runs into Saturday
    MachineDutyCycle cycle =
        week("startHourOfDay", 20, "startDayOfWeek", 5, "shiftStartHour", 22, "shiftEndHour", 6);

    assertThat(cycle.scheduled(7 * HOUR)).isEqualTo(MachineState.RUNNING); // Saturday 03:00
    assertThat(cycle.scheduled(27 * HOUR)).isEqualTo(MachineState.OFF); // Saturday 23:00
  }

  @Test
  void shouldDrawThePowerOfTheMachinesStateAndOfAHeldState() {
    DeviceModel meter =
        Sim.create(
            "machine-meter", "startHourOfDay", 10, "idleKw", 9, "runningKw", 55, "offKw", 0.4);
    assertThat(meter.type()).isEqualTo("machine-meter");
    assertThat(meter.read(EnergyMeter.MACHINE_STATE)).isEqualTo(MachineState.RUNNING.code());
    assertThat(Sim.mean(meter, EnergyMeter.ACTIVE_POWER, 1200)).isCloseTo(55, withinPercentage(6));

    meter.apply(new DeviceEvent.HoldMachineState(MachineState.IDLE, Duration.ofMinutes(30)));
    assertThat(meter.read(EnergyMeter.MACHINE_STATE)).isEqualTo(MachineState.IDLE.code());
    assertThat(Sim.mean(meter, EnergyMeter.ACTIVE_POWER, 1200)).isCloseTo(9, withinPercentage(6));
    Sim.runMinutes(meter, 11);
    assertThat(meter.read(EnergyMeter.MACHINE_STATE)).isEqualTo(MachineState.RUNNING.code());
  }

  @Test
  void shouldRestartTheCounterAtZeroWhenTheMeterIsReplaced() {
    DeviceModel meter = Sim.create("machine-meter", "initialEnergyKwh", 1520, "startHourOfDay", 10);
    Sim.runMinutes(meter, 10);
    assertThat(meter.read(EnergyMeter.ENERGY)).isGreaterThan(1520);

    meter.apply(new DeviceEvent.ReplaceMeter());
    assertThat(meter.read(EnergyMeter.ENERGY)).isZero();
    Sim.runMinutes(meter, 6);
    // 45 kW running for 0.1 h
    assertThat(meter.read(EnergyMeter.ENERGY)).isCloseTo(4.5, withinPercentage(10));
  }

  @Test
  void shouldWrapTheCounterAtItsRolloverValue() {
    DeviceModel meter =
        Sim.create(
            "machine-meter",
            "rolloverKwh",
            100_000,
            "initialEnergyKwh",
            99_000,
            "startHourOfDay",
            10,
            "runningKw",
            60);
    meter.apply(new DeviceEvent.PresetEnergy(99_999));
    Sim.runMinutes(meter, 3); // 60 kW: 3 kWh
    assertThat(meter.read(EnergyMeter.ENERGY)).isCloseTo(2, within(0.3));

    assertThatThrownBy(() -> meter.apply(new DeviceEvent.PresetEnergy(100_000)))
        .hasMessageContaining("kwh")
        .hasMessageContaining("rolloverKwh");
  }

  @Test
  void shouldAddABriefLoadSpikeOnTheFeederMeter() {
    DeviceModel meter = Sim.create("energy-meter", "startHourOfDay", 12, "peakLoadKw", 120);
    double before = Sim.mean(meter, EnergyMeter.ACTIVE_POWER, 300);
    meter.apply(new DeviceEvent.LoadSpike(150, Duration.ofMinutes(4)));
    double during = Sim.mean(meter, EnergyMeter.ACTIVE_POWER, 230);
    Sim.runMinutes(meter, 1);
    double after = Sim.mean(meter, EnergyMeter.ACTIVE_POWER, 300);

    assertThat(during - before).isCloseTo(150, withinPercentage(15));
    assertThat(after).isCloseTo(before, withinPercentage(10));
  }

  @Test
  void shouldRefuseMachineStatesOnAFeederMeterAndNameBadParameters() {
    DeviceModel feeder = Sim.create("energy-meter");
    assertThatThrownBy(
            () ->
                feeder.apply(
                    new DeviceEvent.HoldMachineState(MachineState.IDLE, Duration.ofMinutes(1))))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("energy-meter");
    assertThatThrownBy(() -> Sim.create("machine-meter", "runningKw", 5, "idleKw", 9))
        .hasMessageContaining("runningKw");
    assertThatThrownBy(() -> Sim.create("machine-meter", "setupMinutes", 1000))
        .hasMessageContaining("setupMinutes");
    assertThatThrownBy(() -> MachineState.named("sleeping"))
        .hasMessageContaining("state")
        .hasMessageContaining("sleeping");
  }
}
