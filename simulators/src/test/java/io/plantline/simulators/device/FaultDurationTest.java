package io.plantline.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.registermap.RegisterMaps;
import io.plantline.registermap.RegisterTable;
import io.plantline.simulators.domain.DeviceModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transport faults injected for a bounded wall-clock time end by themselves. */
class FaultDurationTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
  private final SimulatedDevice pump =
      new SimulatedDevice(
          new DeviceIdentity("pump-1", "s", "a", "pump", 1),
          RegisterMaps.builtIn("pump"),
          DeviceModels.create("pump", Map.of(), 1),
          Map.of(),
          1,
          clock);

  @Test
  void shouldEndAFaultWhenItsDurationIsOver() {
    DeviceActions.parse(Map.of("action", "fault", "fault", "garbled-frame", "durationSeconds", 30))
        .applyTo(pump);
    assertThat(pump.faultDeadlines())
        .containsEntry(TransportFault.GARBLED_FRAME, clock.instant().plusSeconds(30));

    clock.advance(Duration.ofSeconds(29));
    assertThat(pump.strikes(TransportFault.GARBLED_FRAME)).isPresent();

    clock.advance(Duration.ofSeconds(1));
    assertThat(pump.strikes(TransportFault.GARBLED_FRAME)).isEmpty();
    assertThat(pump.faults()).isEmpty();
    assertThat(pump.faultDeadlines()).isEmpty();
    assertThat(pump.faultsApplied()).isEqualTo(Map.of(TransportFault.GARBLED_FRAME, 1L));
  }

  @Test
  void shouldRestoreTheMapsByteOrderWhenAWrongByteOrderFaultEnds() {
    short[] truth = pump.image().words(RegisterTable.INPUT_REGISTER).clone();
    DeviceActions.parse(
            Map.of(
                "action",
                "fault",
                "fault",
                "wrong-byte-order",
                "order",
                "DCBA",
                "durationSeconds",
                0.5))
        .applyTo(pump);
    assertThat(pump.image().words(RegisterTable.INPUT_REGISTER)).isNotEqualTo(truth);

    clock.advance(Duration.ofMillis(500));
    pump.strikes(TransportFault.HALF_OPEN); // what the server asks first on every request

    assertThat(pump.image().words(RegisterTable.INPUT_REGISTER)).isEqualTo(truth);
  }

  @Test
  void shouldKeepAFaultWithoutDurationAndLetANewInjectionReplaceTheDeadline() {
    pump.inject(FaultSpec.always(TransportFault.NO_RESPONSE), Duration.ofSeconds(5));
    pump.inject(FaultSpec.always(TransportFault.NO_RESPONSE));

    clock.advance(Duration.ofDays(1));

    assertThat(pump.strikes(TransportFault.NO_RESPONSE)).isPresent();
    pump.clear(TransportFault.NO_RESPONSE);
    assertThat(pump.strikes(TransportFault.NO_RESPONSE)).isEmpty();
  }

  @Test
  void shouldRejectADurationOutOfRange() {
    assertThatThrownBy(
            () ->
                DeviceActions.parse(
                    Map.of("action", "fault", "fault", "no-response", "durationSeconds", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("durationSeconds: must be");
    assertThatThrownBy(
            () ->
                DeviceActions.parse(
                    Map.of("action", "fault", "fault", "no-response", "durationSeconds", "30s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("durationSeconds: required, a finite number");
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
