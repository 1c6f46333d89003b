package io.plantline.simulators.adapter.in.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMaps;
import io.plantline.registermap.RegisterTable;
import io.plantline.simulators.adapter.in.modbus.DeviceExchange.Outcome;
import io.plantline.simulators.device.DeviceIdentity;
import io.plantline.simulators.device.FaultSpec;
import io.plantline.simulators.device.ServedCounter;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.simulators.device.TransportFault;
import io.plantline.simulators.domain.DeviceModels;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The served-read counter as the Modbus server builds responses, faults included. */
class ServedCounterTest {
  private static final int ADDRESS = 9000;
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  private final SimulatedDevice pump = pump(Clock.fixed(T0, ZoneOffset.UTC));

  @Test
  void shouldCountEachReadCoveringTheAddressAndLetEachResponseCarryItsOwnNumber() {
    pump.enableServedCounter(ADDRESS);

    assertThat(counterIn(answer(readInput(ADDRESS, 2)))).isEqualTo(1);
    assertThat(counterIn(answer(readInput(ADDRESS, 2)))).isEqualTo(2);
    assertThat(answer(readInput(ADDRESS, 1)).getUnsignedShort(2)).as("high word only").isZero();
    assertThat(counter().served()).isEqualTo(3);

    answer(readInput(0, 2));
    answer(readHolding(0, 1));
    Buffer lowWordOnly = answer(readInput(ADDRESS + 1, 1));
    assertThat(lowWordOnly.getUnsignedShort(2))
        .as("not covering ADDRESS: current count")
        .isEqualTo(3);
    assertThat(counter().served()).as("reads not covering ADDRESS do not count").isEqualTo(3);
    assertThat(counterIn(answer(readInput(ADDRESS, 2)))).isEqualTo(4);
    assertThat(counter().snapshot())
        .isEqualTo(
            new ServedCounter.Snapshot(4, java.util.Optional.of(T0), java.util.Optional.of(T0)));
  }

  @Test
  void shouldServeTheImageAndTheCounterInOneReadWhenTheyAreAdjacent() {
    int size = pump.image().size(RegisterTable.INPUT_REGISTER);
    pump.enableServedCounter(size);

    Buffer response = answer(readInput(size - 2, 4));

    assertThat(response.getUnsignedByte(0)).isEqualTo((short) 4);
    short[] image = pump.image().words(RegisterTable.INPUT_REGISTER);
    assertThat(response.getShort(2)).isEqualTo(image[size - 2]);
    assertThat(response.getShort(4)).isEqualTo(image[size - 1]);
    assertThat(((long) response.getUnsignedShort(6) << 16) | response.getUnsignedShort(8))
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseReadsIntoTheGapBetweenImageAndCounterWithoutCounting() {
    pump.enableServedCounter(ADDRESS);
    int size = pump.image().size(RegisterTable.INPUT_REGISTER);

    assertThat(answer(readInput(size, 1)).getBytes()).containsExactly((byte) 0x84, 2);
    assertThat(answer(readInput(ADDRESS - 1, 2)).getBytes()).containsExactly((byte) 0x84, 2);
    assertThat(answer(readInput(ADDRESS, 3)).getBytes()).containsExactly((byte) 0x84, 2);
    assertThat(answer(readInput(ADDRESS, 126)).getBytes()).containsExactly((byte) 0x84, 3);
    assertThat(answer(readHolding(ADDRESS, 2)).getBytes()).containsExactly((byte) 0x83, 2);
    assertThat(counter().served()).isZero();
  }

  @Test
  void shouldNotExposeTheCounterWhenItIsOff() {
    assertThat(pump.servedCounter()).isEmpty();
    assertThat(answer(readInput(ADDRESS, 2)).getBytes()).containsExactly((byte) 0x84, 2);
  }

  @ParameterizedTest
  @EnumSource(
      value = TransportFault.class,
      names = {"NO_RESPONSE", "EXCEPTION", "DROP_CONNECTION", "HALF_OPEN", "GARBLED_FRAME"})
  void shouldNotCountARequestAnsweredWithAnInjectedFault(TransportFault kind) {
    pump.enableServedCounter(ADDRESS);
    pump.inject(FaultSpec.always(kind));

    Outcome outcome = DeviceExchange.handle(pump, readInput(ADDRESS, 2));
    DeviceExchange.handle(pump, readInput(ADDRESS, 2));

    assertThat(counter().snapshot().served()).isZero();
    assertThat(counter().snapshot().firstServedAt()).isEmpty();
    assertThat(pump.faultsApplied()).isEqualTo(Map.of(kind, 2L));
    switch (kind) {
      case HALF_OPEN -> assertThat(outcome).isInstanceOf(Outcome.HalfOpen.class);
      case DROP_CONNECTION -> assertThat(outcome).isInstanceOf(Outcome.Drop.class);
      case NO_RESPONSE -> assertThat(outcome).isInstanceOf(Outcome.NoResponse.class);
      case EXCEPTION ->
          assertThat(respondedPdu(outcome).getBytes()).containsExactly((byte) 0x84, 4);
      default -> {
        Buffer garbled = respondedPdu(outcome);
        assertThat((int) garbled.getUnsignedByte(1)).isNotEqualTo(garbled.length() - 2);
      }
    }

    pump.clear(kind);
    assertThat(counterIn(respondedPdu(DeviceExchange.handle(pump, readInput(ADDRESS, 2)))))
        .as("the first intact response is number 1")
        .isEqualTo(1);
  }

  @Test
  void shouldCountADelayedResponseThatIsSent() {
    pump.enableServedCounter(ADDRESS);
    pump.inject(FaultSpec.delay(250));

    Outcome outcome = DeviceExchange.handle(pump, readInput(ADDRESS, 2));

    assertThat(outcome).isInstanceOf(Outcome.Respond.class);
    assertThat(((Outcome.Respond) outcome).delayMillis()).isEqualTo(250);
    assertThat(counterIn(respondedPdu(outcome))).isEqualTo(1);
    assertThat(pump.faultsApplied()).isEqualTo(Map.of(TransportFault.DELAY, 1L));
  }

  @Test
  void shouldKeepTheCounterInHighWordFirstOrderUnderAWrongByteOrderFault() {
    pump.enableServedCounter(ADDRESS);
    pump.inject(FaultSpec.wrongByteOrder(ByteWordOrder.DCBA));

    assertThat(counterIn(answer(readInput(ADDRESS, 2)))).isEqualTo(1);
  }

  @Test
  void shouldGiveEveryConcurrentResponseADistinctNumber() throws Exception {
    pump.enableServedCounter(ADDRESS);
    int threads = 4;
    int readsEach = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<Long>>> readers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        readers.add(
            () -> {
              List<Long> numbers = new ArrayList<>();
              for (int i = 0; i < readsEach; i++) {
                numbers.add(counterIn(answer(readInput(ADDRESS, 2))));
              }
              return numbers;
            });
      }
      Set<Long> seen = Collections.synchronizedSet(new HashSet<>());
      for (Future<List<Long>> numbers : pool.invokeAll(readers)) {
        seen.addAll(numbers.get());
      }
      assertThat(seen).hasSize(threads * readsEach);
      assertThat(Collections.max(seen)).isEqualTo(threads * readsEach);
      assertThat(counter().served()).isEqualTo(threads * readsEach);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRefuseAnAddressThatTheRegisterImageUses() {
    int size = pump.image().size(RegisterTable.INPUT_REGISTER);
    int lastPointStart =
        pump.registerMap().points(RegisterTable.INPUT_REGISTER).stream()
            .mapToInt(p -> p.address().offset())
            .max()
            .orElseThrow();

    assertThatThrownBy(() -> pump.enableServedCounter(lastPointStart))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input registers " + lastPointStart + "..")
        .hasMessageContaining("point '")
        .hasMessageContaining("choose an address of " + size + " or more");
    assertThatThrownBy(() -> pump.enableServedCounter(size - 1))
        .as("ADDRESS+1 is free, ADDRESS is not")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point '");
    assertThatThrownBy(() -> pump.enableServedCounter(65_535))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("served-read counter address must be 0..65534, was 65535");
    assertThatThrownBy(() -> pump.enableServedCounter(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pump.servedCounter()).isEmpty();
  }

  @Test
  void shouldLeaveAddress9000FreeInEveryBuiltInMapAndTheSdm630File() {
    Stream<RegisterMap> maps =
        Stream.concat(
            RegisterMaps.builtInTypes().stream().map(RegisterMaps::builtIn),
            Stream.of(RegisterMaps.load(Path.of("maps/eastron-sdm630.yaml"))));
    maps.forEach(
        map ->
            assertThat(
                    map.points(RegisterTable.INPUT_REGISTER).stream()
                        .mapToInt(p -> p.address().offset() + p.registerCount())
                        .max()
                        .orElse(0))
                .as(map.deviceType())
                .isLessThanOrEqualTo(ADDRESS));
  }

  private ServedCounter counter() {
    return pump.servedCounter().orElseThrow();
  }

  private Buffer answer(Buffer request) {
    return ModbusPdu.answer(pump, request);
  }

  private static Buffer respondedPdu(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Respond.class);
    return ((Outcome.Respond) outcome).pdu();
  }

  /** The uint32 (high word first) of a function-04 response to a read of ADDRESS..ADDRESS+1. */
  private static long counterIn(Buffer response) {
    assertThat(response.getBytes()).startsWith(4, 4);
    return ((long) response.getUnsignedShort(2) << 16) | response.getUnsignedShort(4);
  }

  private static Buffer readInput(int offset, int quantity) {
    return request(4, offset, quantity);
  }

  private static Buffer readHolding(int offset, int quantity) {
    return request(3, offset, quantity);
  }

  private static Buffer request(int function, int offset, int quantity) {
    return Buffer.buffer()
        .appendUnsignedByte((short) function)
        .appendUnsignedShort(offset)
        .appendUnsignedShort(quantity);
  }

  private static SimulatedDevice pump(Clock clock) {
    return new SimulatedDevice(
        new DeviceIdentity("pump-1", "s", "a", "pump", 1),
        RegisterMaps.builtIn("pump"),
        DeviceModels.create("pump", Map.of(), 1),
        Map.of(),
        1,
        clock);
  }
}
