package io.plantline.registermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped maps load, carry the point names the device models produce, and poll cheaply. */
class BuiltInMapsTest {

  static List<String> types() {
    return RegisterMaps.builtInTypes();
  }

  @Test
  void shouldShipTheFiveDeviceTypesSorted() {
    assertThat(RegisterMaps.builtInTypes())
        .containsExactly("csv-replay", "energy-meter", "motor-spindle", "pump", "quality-gauge");
  }

  @Test
  void shouldShipExactlyOneFilePerListedType() throws IOException, URISyntaxException {
    Path directory =
        Path.of(
            getClass().getClassLoader().getResource("io/plantline/registermap/devices").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(types().stream().map(t -> t + ".yaml").toList());
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void shouldLoadEachShippedMap(String type) {
    RegisterMap map = RegisterMaps.builtIn(type);

    assertThat(map.deviceType()).isEqualTo(type);
    assertThat(map.unitId()).isEqualTo(1);
    assertThat(map.pollClasses()).containsOnlyKeys("fast", "normal", "slow");
  }

  @ParameterizedTest
  @MethodSource("types")
  void shouldFitEachTableInOneReadRequest(String type) {
    RegisterMap map = RegisterMaps.builtIn(type);

    for (RegisterTable table : RegisterTable.values()) {
      List<PointDefinition> points = map.points(table);
      if (!points.isEmpty()) {
        PointDefinition last = points.get(points.size() - 1);
        int span =
            last.address().offset() + last.registerCount() - points.get(0).address().offset();
        assertThat(span).as("%s %s", type, table).isLessThanOrEqualTo(table.isBit() ? 2000 : 125);
        assertThat(points.get(0).address().offset()).as("%s %s starts at 0", type, table).isZero();
      }
    }
  }

  @Test
  void shouldDefineTheMotorSpindlePoints() {
    RegisterMap map = RegisterMaps.builtIn("motor-spindle");

    assertThat(map.points())
        .extracting(p -> p.name(), p -> p.address().table(), p -> p.type(), p -> p.access())
        .containsExactlyInAnyOrder(
            tuple("state", RegisterTable.INPUT_REGISTER, DataType.UINT16, Access.READ),
            tuple("speed_rpm", RegisterTable.INPUT_REGISTER, DataType.FLOAT32, Access.READ),
            tuple("current_a", RegisterTable.INPUT_REGISTER, DataType.FLOAT32, Access.READ),
            tuple(
                "winding_temperature_c",
                RegisterTable.INPUT_REGISTER,
                DataType.FLOAT32,
                Access.READ),
            tuple(
                "bearing_vibration_mm_s",
                RegisterTable.INPUT_REGISTER,
                DataType.FLOAT32,
                Access.READ),
            tuple("part_count", RegisterTable.INPUT_REGISTER, DataType.UINT32, Access.READ),
            tuple("operating_hours", RegisterTable.INPUT_REGISTER, DataType.UINT32, Access.READ),
            tuple("serial_number", RegisterTable.INPUT_REGISTER, DataType.STRING, Access.READ),
            tuple(
                "speed_setpoint_rpm",
                RegisterTable.HOLDING_REGISTER,
                DataType.FLOAT32,
                Access.READ_WRITE),
            tuple("run_command", RegisterTable.COIL, DataType.BOOL, Access.READ_WRITE),
            tuple("fault_reset", RegisterTable.COIL, DataType.BOOL, Access.READ_WRITE),
            tuple("fault_active", RegisterTable.DISCRETE_INPUT, DataType.BOOL, Access.READ));
    assertThat(map.point("part_count").orElseThrow().order()).isEqualTo(ByteWordOrder.CDAB);
    assertThat(map.point("operating_hours").orElseThrow())
        .extracting(PointDefinition::scale, PointDefinition::unit)
        .containsExactly(0.01, "h");
    assertThat(map.point("serial_number").orElseThrow().stringLength()).isEqualTo(16);
    assertPollClass(map, "fast", "state", "speed_rpm", "bearing_vibration_mm_s");
    assertPollClass(map, "slow", "part_count", "operating_hours", "serial_number");
  }

  @Test
  void shouldDefineTheEnergyMeterPoints() {
    RegisterMap map = RegisterMaps.builtIn("energy-meter");

    assertThat(map.points())
        .extracting(p -> p.name(), p -> p.type(), p -> p.order(), p -> p.scale())
        .containsExactlyInAnyOrder(
            tuple("voltage_l1_v", DataType.UINT16, ByteWordOrder.CDAB, 0.1),
            tuple("voltage_l2_v", DataType.UINT16, ByteWordOrder.CDAB, 0.1),
            tuple("voltage_l3_v", DataType.UINT16, ByteWordOrder.CDAB, 0.1),
            tuple("current_l1_a", DataType.UINT32, ByteWordOrder.CDAB, 0.001),
            tuple("current_l2_a", DataType.UINT32, ByteWordOrder.CDAB, 0.001),
            tuple("current_l3_a", DataType.UINT32, ByteWordOrder.CDAB, 0.001),
            tuple("active_power_kw", DataType.INT32, ByteWordOrder.CDAB, 0.001),
            tuple("reactive_power_kvar", DataType.INT32, ByteWordOrder.CDAB, 0.001),
            tuple("power_factor", DataType.INT16, ByteWordOrder.CDAB, 0.001),
            tuple("frequency_hz", DataType.UINT16, ByteWordOrder.CDAB, 0.01),
            tuple("energy_kwh", DataType.INT64, ByteWordOrder.DCBA, 0.001));
    assertThat(map.points())
        .allSatisfy(p -> assertThat(p.address().table()).isEqualTo(RegisterTable.INPUT_REGISTER));
    assertPollClass(map, "slow", "energy_kwh");
  }

  @Test
  void shouldDefineTheQualityGaugePoints() {
    RegisterMap map = RegisterMaps.builtIn("quality-gauge");

    assertThat(map.points())
        .extracting(p -> p.name(), p -> p.type(), p -> p.order(), p -> p.stringLength())
        .containsExactlyInAnyOrder(
            tuple("measured_dimension_mm", DataType.FLOAT64, ByteWordOrder.ABCD, 0),
            tuple("part_count", DataType.UINT32, ByteWordOrder.ABCD, 0),
            tuple("gauge_status", DataType.UINT16, ByteWordOrder.ABCD, 0),
            tuple("serial_number", DataType.STRING, ByteWordOrder.ABCD, 16));
    assertPollClass(map, "slow", "part_count", "serial_number");
  }

  @Test
  void shouldDefineThePumpPoints() {
    RegisterMap map = RegisterMaps.builtIn("pump");

    assertThat(map.points())
        .extracting(p -> p.name(), p -> p.address().table(), p -> p.type(), p -> p.order())
        .containsExactlyInAnyOrder(
            tuple("state", RegisterTable.INPUT_REGISTER, DataType.UINT16, ByteWordOrder.ABCD),
            tuple(
                "discharge_pressure_bar",
                RegisterTable.INPUT_REGISTER,
                DataType.FLOAT32,
                ByteWordOrder.BADC),
            tuple(
                "suction_pressure_bar",
                RegisterTable.INPUT_REGISTER,
                DataType.FLOAT32,
                ByteWordOrder.BADC),
            tuple("flow_m3_h", RegisterTable.INPUT_REGISTER, DataType.FLOAT32, ByteWordOrder.BADC),
            tuple("power_kw", RegisterTable.INPUT_REGISTER, DataType.FLOAT32, ByteWordOrder.BADC),
            tuple(
                "speed_setpoint_pct",
                RegisterTable.HOLDING_REGISTER,
                DataType.UINT16,
                ByteWordOrder.ABCD),
            tuple("run_command", RegisterTable.COIL, DataType.BOOL, ByteWordOrder.ABCD));
    PointDefinition setpoint = map.point("speed_setpoint_pct").orElseThrow();
    assertThat(setpoint.scale()).isEqualTo(0.1);
    assertThat(setpoint.access()).isEqualTo(Access.READ_WRITE);
    assertThat(map.point("run_command").orElseThrow().access()).isEqualTo(Access.READ_WRITE);
    assertPollClass(map, "fast", "state");
  }

  @Test
  void shouldDefineTheCsvReplayPoint() {
    RegisterMap map = RegisterMaps.builtIn("csv-replay");

    assertThat(map.points())
        .extracting(p -> p.name(), p -> p.address(), p -> p.type())
        .containsExactly(
            tuple("value", new RegisterAddress(RegisterTable.INPUT_REGISTER, 0), DataType.FLOAT32));
  }

  @Test
  void shouldRejectUnknownBuiltInType() {
    assertThatThrownBy(() -> RegisterMaps.builtIn("robot-arm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no built-in register map for device type 'robot-arm'; shipped: csv-replay,"
                + " energy-meter, motor-spindle, pump, quality-gauge");
  }

  private static void assertPollClass(RegisterMap map, String pollClass, String... names) {
    for (String name : names) {
      assertThat(map.point(name).orElseThrow().pollClass()).as(name).isEqualTo(pollClass);
    }
  }
}
