package io.plantline.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.DataType;
import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMaps;
import io.plantline.registermap.RegisterTable;
import io.plantline.simulators.domain.DeviceModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Eastron SDM630 map in {@code maps/eastron-sdm630.yaml}: the addresses of Eastron's Modbus
 * table, float32 ABCD, and the energy-meter model serving it with power in W on the wire.
 */
class EastronSdm630MapTest {
  private static final RegisterMap MAP = RegisterMaps.load(Path.of("maps/eastron-sdm630.yaml"));

  @Test
  void shouldPlaceEveryPointAtTheManualsInputRegister() {
    Map<String, Integer> pduOffsets =
        Map.ofEntries(
            Map.entry("voltage_l1_v", 0x0000),
            Map.entry("voltage_l2_v", 0x0002),
            Map.entry("voltage_l3_v", 0x0004),
            Map.entry("current_l1_a", 0x0006),
            Map.entry("current_l2_a", 0x0008),
            Map.entry("current_l3_a", 0x000A),
            Map.entry("active_power_l1_kw", 0x000C),
            Map.entry("active_power_l2_kw", 0x000E),
            Map.entry("active_power_l3_kw", 0x0010),
            Map.entry("power_factor_l1", 0x001E),
            Map.entry("power_factor_l2", 0x0020),
            Map.entry("power_factor_l3", 0x0022),
            Map.entry("active_power_kw", 0x0034),
            Map.entry("reactive_power_kvar", 0x003C),
            Map.entry("power_factor", 0x003E),
            Map.entry("frequency_hz", 0x0046),
            Map.entry("energy_kwh", 0x0048));

    assertThat(MAP.points()).hasSize(pduOffsets.size());
    assertThat(MAP.points())
        .allSatisfy(
            p -> {
              assertThat(p.address().table()).isEqualTo(RegisterTable.INPUT_REGISTER);
              assertThat(p.address().offset()).as(p.name()).isEqualTo(pduOffsets.get(p.name()));
              assertThat(p.type()).isEqualTo(DataType.FLOAT32);
              assertThat(p.order()).isEqualTo(ByteWordOrder.ABCD);
            });
  }

  @Test
  void shouldServeTheEnergyMeterModelWithWattsOnTheWire() {
    SimulatedDevice meter =
        new SimulatedDevice(
            new DeviceIdentity("sdm630-1", "site-1", "area-1", "energy-meter", 1),
            MAP,
            DeviceModels.create("energy-meter", Map.of("startHourOfDay", 12), 9),
            Map.of(),
            9);
    meter.advance(Duration.ofSeconds(1));

    short[] words = meter.image().words(RegisterTable.INPUT_REGISTER);
    double totalWatts = float32(words, 0x0034);
    double kwh = float32(words, 0x0048);

    assertThat(totalWatts)
        .isCloseTo(meter.values().get("active_power_kw") * 1000, within(0.01 * totalWatts));
    assertThat(totalWatts).isGreaterThan(50_000);
    assertThat(kwh).isCloseTo(meter.values().get("energy_kwh"), within(1e-3));
    double phases = float32(words, 0x000C) + float32(words, 0x000E) + float32(words, 0x0010);
    assertThat(phases).isCloseTo(totalWatts, within(1e-3 * totalWatts));
    assertThat(float32(words, 0x0000)).isBetween(200.0, 260.0);
  }

  /** A big-endian float32 (high word first) at a PDU offset, decoded by hand. */
  private static double float32(short[] words, int offset) {
    int bits = ((words[offset] & 0xFFFF) << 16) | (words[offset + 1] & 0xFFFF);
    return Float.intBitsToFloat(bits);
  }
}
