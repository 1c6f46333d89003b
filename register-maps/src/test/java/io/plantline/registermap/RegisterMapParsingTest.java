package io.plantline.registermap;

import static io.plantline.registermap.MapYaml.parse;
import static io.plantline.registermap.MapYaml.withPoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterMapParsingTest {

  /** The example of the format's design brief. */
  static final String EXAMPLE =
      """
      deviceType: motor-spindle
      version: 1.0.0
      unitId: 1
      defaultOrder: ABCD
      pollClasses: {fast: 250ms, normal: 1s, slow: 10s}
      points:
        - {name: state, address: "30001", type: uint16, unit: "", pollClass: fast, description: "0 IDLE, 1 RUNNING, 2 FAULT"}
        - {name: speed_rpm, address: "ir:1", type: float32, unit: rpm, pollClass: fast}
        - {name: energy_kwh, address: "ir:20", type: uint32, order: CDAB, scale: 0.1, unit: kWh}
        - {name: speed_setpoint_rpm, address: "40001", type: float32, access: read_write, unit: rpm}
      """;

  @Test
  void shouldReadEveryKeyOfTheExample() {
    RegisterMap map = RegisterMaps.parse(EXAMPLE, "motor-spindle.yaml");

    assertThat(map.deviceType()).isEqualTo("motor-spindle");
    assertThat(map.version()).isEqualTo("1.0.0");
    assertThat(map.unitId()).isEqualTo(1);
    assertThat(map.pollClasses())
        .containsExactly(
            Map.entry("fast", Duration.ofMillis(250)),
            Map.entry("normal", Duration.ofSeconds(1)),
            Map.entry("slow", Duration.ofSeconds(10)));
    assertThat(map.point("state").orElseThrow())
        .isEqualTo(
            new PointDefinition(
                "state",
                new RegisterAddress(RegisterTable.INPUT_REGISTER, 0),
                DataType.UINT16,
                ByteWordOrder.ABCD,
                1.0,
                0.0,
                "",
                Access.READ,
                "fast",
                0,
                "0 IDLE, 1 RUNNING, 2 FAULT"));
    PointDefinition energy = map.point("energy_kwh").orElseThrow();
    assertThat(energy.order()).isEqualTo(ByteWordOrder.CDAB);
    assertThat(energy.scale()).isEqualTo(0.1);
    assertThat(energy.pollClass()).isEqualTo("normal");
    PointDefinition setpoint = map.point("speed_setpoint_rpm").orElseThrow();
    assertThat(setpoint.address()).hasToString("hr:0");
    assertThat(setpoint.access()).isEqualTo(Access.READ_WRITE);
  }

  @Test
  void shouldApplyDefaultsForOmittedKeys() {
    RegisterMap map = parse(withPoints("{name: speed_rpm, address: \"ir:0\", type: float32}"));
    PointDefinition speed = map.points().get(0);

    assertThat(map.pollClasses())
        .containsExactly(
            Map.entry("fast", Duration.ofMillis(250)),
            Map.entry("normal", Duration.ofSeconds(1)),
            Map.entry("slow", Duration.ofSeconds(10)));
    assertThat(speed.order()).isEqualTo(ByteWordOrder.ABCD);
    assertThat(speed.access()).isEqualTo(Access.READ);
    assertThat(speed.pollClass()).isEqualTo("normal");
    assertThat(speed.scale()).isEqualTo(1.0);
    assertThat(speed.offset()).isEqualTo(0.0);
    assertThat(speed.unit()).isEmpty();
    assertThat(speed.description()).isEmpty();
    assertThat(speed.stringLength()).isZero();
  }

  @Test
  void shouldApplyDefaultOrderToNumbersAndStringsButNotBits() {
    String yaml =
        MapYaml.HEADER
            + "defaultOrder: DCBA\npoints:\n"
            + "  - {name: power_kw, address: \"ir:0\", type: int32}\n"
            + "  - {name: sn, address: \"ir:2\", type: string, stringLength: 4}\n"
            + "  - {name: energy_kwh, address: \"ir:4\", type: int64, order: ABCD}\n"
            + "  - {name: run_command, address: \"coil:0\", type: bool}\n";

    RegisterMap map = parse(yaml);

    assertThat(map.points())
        .extracting(PointDefinition::order)
        .containsExactly(
            ByteWordOrder.DCBA, ByteWordOrder.DCBA, ByteWordOrder.ABCD, ByteWordOrder.ABCD);
  }

  @Test
  void shouldReadCustomPollClassesInEveryPeriodForm() {
    String yaml =
        MapYaml.HEADER
            + "pollClasses: {burst: 10ms, fast: PT0.1S, normal: 1m, hourly: 1h}\n"
            + "points:\n  - {name: a, address: \"ir:0\", type: uint16, pollClass: hourly}\n";

    RegisterMap map = parse(yaml);

    assertThat(map.pollClasses())
        .containsExactly(
            Map.entry("burst", Duration.ofMillis(10)),
            Map.entry("fast", Duration.ofMillis(100)),
            Map.entry("normal", Duration.ofMinutes(1)),
            Map.entry("hourly", Duration.ofHours(1)));
    assertThat(map.points().get(0).pollClass()).isEqualTo("hourly");
  }

  @Test
  void shouldReadEnumNamesCaseInsensitively() {
    PointDefinition point =
        parse(
                withPoints(
                    "{name: a, address: \"HR:0\", type: FLOAT32, order: cdab, access: READ_WRITE}"))
            .points()
            .get(0);

    assertThat(point.type()).isEqualTo(DataType.FLOAT32);
    assertThat(point.order()).isEqualTo(ByteWordOrder.CDAB);
    assertThat(point.access()).isEqualTo(Access.READ_WRITE);
  }

  @Test
  void shouldListPointsOfOneTableSortedByOffset() {
    RegisterMap map = RegisterMaps.parse(EXAMPLE, "motor-spindle.yaml");

    assertThat(map.points(RegisterTable.INPUT_REGISTER))
        .extracting(PointDefinition::name)
        .containsExactly("state", "speed_rpm", "energy_kwh");
    assertThat(map.points(RegisterTable.COIL)).isEmpty();
    assertThat(map.point("no_such_point")).isEmpty();
  }

  @Test
  void shouldLoadFileNamingItsPathInErrors(@TempDir Path directory) throws Exception {
    Path good = Files.writeString(directory.resolve("spindle.yaml"), EXAMPLE);
    Path bad =
        Files.writeString(
            directory.resolve("bad.yaml"), EXAMPLE.replace("unitId: 1", "unitId: 300"));

    assertThat(RegisterMaps.load(good)).isEqualTo(RegisterMaps.parse(EXAMPLE, "x"));
    assertThatThrownBy(() -> RegisterMaps.load(bad))
        .isInstanceOf(RegisterMapException.class)
        .hasMessage(bad + ": unitId: unit id 300 is outside 0..255");
  }

  @Test
  void shouldReportUnreadableFileAsMapException(@TempDir Path directory) throws Exception {
    Path missing = directory.resolve("missing.yaml");
    Path latin1 = directory.resolve("latin1.yaml");
    Files.write(latin1, "deviceType: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    RegisterMapException e =
        catchThrowableOfType(RegisterMapException.class, () -> RegisterMaps.load(missing));
    assertThat(e.source()).isEqualTo(missing.toString());
    assertThat(e.keyPath()).isEqualTo("$");
    assertThat(e.problem()).startsWith("cannot read the file: java.nio.file.NoSuchFileException");
    assertThatThrownBy(() -> RegisterMaps.load(latin1))
        .isInstanceOf(RegisterMapException.class)
        .hasMessageContaining("MalformedInputException");
  }

  @Test
  void shouldValidateMapsBuiltInCode() {
    PointDefinition speed = Points.numeric(DataType.FLOAT32, ByteWordOrder.ABCD);
    Map<String, Duration> classes = Map.of("normal", Duration.ofSeconds(1));

    assertThatThrownBy(() -> new RegisterMap("pump", "1.0.0", 1, classes, List.of(speed, speed)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points[1].name: duplicate point name 'test_float32' (see points[0])");
    assertThatThrownBy(() -> new RegisterMap("pump", "1.0.0", 1, classes, List.of()))
        .hasMessage("points: at least one point is needed");
    assertThatThrownBy(
            () ->
                new RegisterMap(
                    "pump", "1.0.0", 1, Map.of("normal", Duration.ofMillis(1)), List.of(speed)))
        .hasMessage("pollClasses.normal: poll period PT0.001S is outside 10ms..1h");
    assertThatThrownBy(() -> new RegisterMap("pump", "1.0", 1, classes, List.of(speed)))
        .hasMessage("version: '1.0' is not a semantic version such as 1.2.0");
  }

  @Test
  void shouldBeImmutable() {
    RegisterMap map = RegisterMaps.parse(EXAMPLE, "motor-spindle.yaml");

    assertThatThrownBy(() -> map.points().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.pollClasses().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
