package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensorFaultsTest {

  /** A noiseless model whose "seconds" point reads the simulated time and "level" is writable. */
  private static final class Clock implements DeviceModel {
    double seconds;
    double level;
    DeviceEvent lastEvent;

    @Override
    public String type() {
      return "clock";
    }

    @Override
    public Set<String> points() {
      return ModelSupport.pointSet("seconds", "level");
    }

    @Override
    public void advance(Duration dt) {
      seconds += ModelSupport.seconds(dt);
    }

    @Override
    public double read(String point) {
      return switch (point) {
        case "seconds" -> seconds;
        case "level" -> level;
        default -> throw ModelSupport.unknownPoint(type(), point, points());
      };
    }

    @Override
    public void write(String point, double value) {
      level = value;
    }

    @Override
    public void apply(DeviceEvent event) {
      lastEvent = event;
    }
  }

  private final Clock clock = new Clock();
  private final SensorFaults faults = new SensorFaults(clock, 7);

  @Test
  void shouldKeepReturningTheValueAtTheMomentItGotStuck() {
    Sim.run(faults, 100);

    faults.stuck("seconds");
    Sim.run(faults, 500);
    faults.stuck("seconds");

    assertThat(faults.read("seconds")).isEqualTo(100);
    assertThat(clock.read("seconds")).isEqualTo(600);
    assertThat(faults.read("level")).isZero();
  }

  @Test
  void shouldAddADriftGrowingWithSimulatedTime() {
    faults.drift("seconds", 2.0);

    Sim.runMinutes(faults, 30);
    double halfHour = faults.read("seconds") - clock.seconds;
    faults.advance(Duration.ofMinutes(90));

    assertThat(halfHour).isCloseTo(1.0, within(1e-9));
    assertThat(faults.read("seconds") - clock.seconds).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void shouldShiftByTheOffset() {
    Sim.run(faults, 10);

    faults.offset("seconds", -3.5);
    faults.offset("seconds", -2.5);

    assertThat(faults.read("seconds")).isEqualTo(7.5);
  }

  @Test
  void shouldSpikeWithTheGivenProbabilityAndMagnitude() {
    faults.spikes("level", 0.1, 5);
    int up = 0;
    int down = 0;

    for (int i = 0; i < 20_000; i++) {
      double value = faults.read("level");
      assertThat(value).isIn(-5.0, 0.0, 5.0);
      up += value > 0 ? 1 : 0;
      down += value < 0 ? 1 : 0;
    }

    assertThat(up + down).isBetween(1800, 2200);
    assertThat(up).isBetween(850, 1150);
  }

  @Test
  void shouldReadNaNWithTheGivenProbability() {
    faults.nanValues("level", 0.25);
    int nan = 0;

    for (int i = 0; i < 20_000; i++) {
      nan += Double.isNaN(faults.read("level")) ? 1 : 0;
    }

    assertThat(nan).isBetween(4700, 5300);
  }

  @Test
  void shouldRestoreTrueReadingsWhenCleared() {
    Sim.run(faults, 10);
    faults.stuck("seconds");
    faults.offset("level", 1);
    faults.nanValues("level", 1);
    Sim.run(faults, 10);

    faults.clear("seconds");
    assertThat(faults.read("seconds")).isEqualTo(20);
    assertThat(faults.read("level")).isNaN();

    faults.clearAll();
    assertThat(faults.read("level")).isZero();
  }

  @Test
  void shouldGiveTheSameFaultySequenceForTheSameSeed() {
    SensorFaults other = new SensorFaults(new Clock(), 7);
    SensorFaults differentSeed = new SensorFaults(new Clock(), 8);
    for (SensorFaults f : new SensorFaults[] {faults, other, differentSeed}) {
      f.spikes("level", 0.3, 1);
      f.nanValues("level", 0.1);
    }
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    StringBuilder c = new StringBuilder();

    for (int i = 0; i < 200; i++) {
      a.append(faults.read("level")).append(',');
      b.append(other.read("level")).append(',');
      c.append(differentSeed.read("level")).append(',');
    }

    assertThat(a.toString()).isEqualTo(b.toString()).isNotEqualTo(c.toString());
  }

  @Test
  void shouldPassWritesAndEventsToTheInnerModel() {
    faults.offset("level", 1);

    faults.write("level", 3);
    faults.apply(new DeviceEvent.Start());

    assertThat(clock.level).isEqualTo(3);
    assertThat(faults.read("level")).isEqualTo(4);
    assertThat(clock.lastEvent).isEqualTo(new DeviceEvent.Start());
    assertThat(faults.inner()).isSameAs(clock);
    assertThat(faults.type()).isEqualTo("clock");
    assertThat(faults.points()).containsExactly("seconds", "level");
  }

  @Test
  void shouldRejectUnknownPointsAndInvalidArguments() {
    assertThatThrownBy(() -> faults.stuck("pressure"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pressure");
    assertThatThrownBy(() -> faults.spikes("level", 1.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probabilityPerRead");
    assertThatThrownBy(() -> faults.drift("level", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perHour");
    assertThatThrownBy(() -> faults.advance(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldStickARealModelsReading() {
    SensorFaults motor = new SensorFaults(Sim.create("motor-spindle"), 1);
    Sim.runMinutes(motor, 10);
    double stuck = motor.read(MotorSpindle.TEMPERATURE);

    motor.stuck(MotorSpindle.TEMPERATURE);
    Sim.runMinutes(motor, 60);

    assertThat(motor.read(MotorSpindle.TEMPERATURE)).isEqualTo(stuck);
    assertThat(motor.inner().read(MotorSpindle.TEMPERATURE)).isGreaterThan(stuck + 10);
  }
}
