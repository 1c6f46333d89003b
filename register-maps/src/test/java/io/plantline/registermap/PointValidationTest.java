package io.plantline.registermap;

import static io.plantline.registermap.MapYaml.assertRejected;
import static io.plantline.registermap.MapYaml.assertRejectedContaining;
import static io.plantline.registermap.MapYaml.parse;
import static io.plantline.registermap.MapYaml.withPoints;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Point rules: each rejection names the source, the point's key path and the problem. */
class PointValidationTest {

  private static final String SPEED = "{name: speed_rpm, address: \"ir:0\", type: float32}";

  @Test
  void shouldRejectUnknownPointKey() {
    assertRejected(
        withPoints(SPEED, "{name: current_a, address: \"ir:2\", type: float32, scal: 0.1}"),
        "points[1].scal",
        "unknown key; expected one of name, address, type, order, scale, offset, unit, access,"
            + " pollClass, stringLength, description, min, max");
  }

  @Test
  void shouldReadWriteLimitsAndRefuseValuesOutsideThem() {
    PointDefinition setpoint =
        parse(
                withPoints(
                    "{name: speed_setpoint_rpm, address: \"hr:0\", type: float32,"
                        + " access: read_write, unit: rpm, min: 0, max: 3000}"))
            .point("speed_setpoint_rpm")
            .orElseThrow();
    assertThat(setpoint.writeMin()).isEqualTo(0.0);
    assertThat(setpoint.writeMax()).isEqualTo(3000.0);
    assertThat(setpoint.writeViolation(0)).isEmpty();
    assertThat(setpoint.writeViolation(3000)).isEmpty();
    assertThat(setpoint.writeViolation(3000.5))
        .contains("speed_setpoint_rpm = 3000.5 rpm is above its maximum 3000.0");
    assertThat(setpoint.writeViolation(-1))
        .contains("speed_setpoint_rpm = -1.0 rpm is below its minimum 0.0");
    assertThat(setpoint.writeViolation(Double.NaN)).get().asString().contains("not a finite");
  }

  @Test
  void shouldRefuseWritesToReadOnlyPointsAndBoolsOtherThanZeroOrOne() {
    RegisterMap map =
        parse(
            withPoints(
                SPEED, "{name: run_command, address: \"coil:0\", type: bool, access: read_write}"));
    assertThat(map.point("speed_rpm").orElseThrow().writeViolation(1))
        .contains("speed_rpm is read-only");
    assertThat(map.point("run_command").orElseThrow().writeViolation(1)).isEmpty();
    assertThat(map.point("run_command").orElseThrow().writeViolation(2))
        .get()
        .asString()
        .contains("a bool point takes 0 or 1");
  }

  @Test
  void shouldRejectWriteLimitsOnReadOnlyPointsBoolsAndInvertedRanges() {
    assertRejected(
        withPoints("{name: a, address: \"ir:0\", type: float32, max: 10}"),
        "points[0].max",
        "min and max limit writes: they apply only to read_write points");
    assertRejected(
        withPoints("{name: a, address: \"coil:0\", type: bool, access: read_write, min: 0}"),
        "points[0].min",
        "min and max do not apply to bool points");
    assertRejected(
        withPoints(
            "{name: a, address: \"hr:0\", type: float32, access: read_write, min: 5, max: 1}"),
        "points[0].min",
        "min 5.0 must not be above max 1.0");
  }

  @Test
  void shouldRejectMissingNameAddressOrType() {
    assertRejected(
        withPoints("{address: \"ir:0\", type: float32}"), "points[0].name", "missing required key");
    assertRejected(
        withPoints("{name: a, type: float32}"), "points[0].address", "missing required key");
    assertRejected(
        withPoints("{name: a, address: \"ir:0\"}"), "points[0].type", "missing required key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Speed", "1speed", "speed-rpm", "_speed", "speed rpm"})
  void shouldRejectPointNamesOutsideThePattern(String name) {
    assertRejected(
        withPoints("{name: \"" + name + "\", address: \"ir:0\", type: float32}"),
        "points[0].name",
        "'" + name + "' is not a valid point name ([a-z][a-z0-9_]{0,63})");
  }

  @Test
  void shouldRejectDuplicatePointNames() {
    assertRejected(
        withPoints(SPEED, "{name: speed_rpm, address: \"ir:2\", type: float32}"),
        "points[1].name",
        "duplicate point name 'speed_rpm' (see points[0])");
  }

  @Test
  void shouldRejectUnknownType() {
    assertRejected(
        withPoints("{name: a, address: \"ir:0\", type: float}"),
        "points[0].type",
        "unknown value 'float'; expected one of bool, int16, uint16, int32, uint32, int64,"
            + " float32, float64, string");
  }

  @Test
  void shouldRejectBoolOutsideBitTables() {
    assertRejected(
        withPoints("{name: run_command, address: \"hr:0\", type: bool}"),
        "points[0].type",
        "type bool needs a coil or discrete-input address, not hr:0");
  }

  @Test
  void shouldRejectNumbersInBitTables() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"00001\", type: float32}"),
        "points[0].type",
        "type float32 needs an input-register or holding-register address, not coil:0");
  }

  @Test
  void shouldRejectReadWriteOutsideCoilsAndHoldingRegisters() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"30001\", type: float32, access: read_write}"),
        "points[0].access",
        "read_write needs a coil or holding-register address, not ir:0");
    assertRejected(
        withPoints("{name: fault_active, address: \"di:0\", type: bool, access: read_write}"),
        "points[0].access",
        "read_write needs a coil or holding-register address, not di:0");
  }

  @Test
  void shouldRejectStringWithoutLength() {
    assertRejected(
        withPoints("{name: serial_number, address: \"ir:0\", type: string}"),
        "points[0].stringLength",
        "missing: string points need stringLength 1..246");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 247})
  void shouldRejectStringLengthOutsideOneTo246(int length) {
    assertRejected(
        withPoints("{name: sn, address: \"ir:0\", type: string, stringLength: " + length + "}"),
        "points[0].stringLength",
        "stringLength " + length + " is outside 1..246");
  }

  @Test
  void shouldRejectStringLengthOnOtherTypes() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: float32, stringLength: 4}"),
        "points[0].stringLength",
        "stringLength applies only to string points, not float32");
  }

  @Test
  void shouldRejectZeroOrInfiniteScale() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: uint16, scale: 0}"),
        "points[0].scale",
        "scale must be finite and non-zero, not 0.0");
    assertRejected(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: uint16, scale: 1e999}"),
        "points[0].scale",
        "scale must be finite and non-zero, not Infinity");
  }

  @Test
  void shouldRejectInfiniteOffsetOrTextualNumbers() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: int16, offset: -1e999}"),
        "points[0].offset",
        "offset must be finite, not -Infinity");
    assertRejected(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: int16, scale: \"0.1\"}"),
        "points[0].scale",
        "must be a number, not '0.1'");
  }

  @Test
  void shouldRejectScalingOfBitsAndStrings() {
    assertRejected(
        withPoints("{name: run_command, address: \"coil:0\", type: bool, scale: 2}"),
        "points[0].scale",
        "scale does not apply to bool points");
    assertRejected(
        withPoints("{name: sn, address: \"ir:0\", type: string, stringLength: 4, offset: 1}"),
        "points[0].offset",
        "offset does not apply to string points");
  }

  @Test
  void shouldRejectOrderOnBits() {
    assertRejected(
        withPoints("{name: run_command, address: \"coil:0\", type: bool, order: CDAB}"),
        "points[0].order",
        "order does not apply to bool points");
  }

  @Test
  void shouldRejectUnknownOrder() {
    assertRejectedContaining(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: float32, order: little}"),
        "points[0].order",
        "unknown value 'little'");
  }

  @Test
  void shouldRejectAddressesThatDoNotParse() {
    assertRejectedContaining(
        withPoints("{name: speed_rpm, address: \"40000\", type: float32}"),
        "points[0].address",
        "'40000' is not a register address (Modicon numbers are 1-based");
    assertRejected(
        withPoints("{name: speed_rpm, address: 40001, type: float32}"),
        "points[0].address",
        "write the address as a quoted string such as \"40001\" or \"hr:0\" (YAML reads an"
            + " unquoted 00001 as 1)");
  }

  @Test
  void shouldRejectPointsRunningPastTheEndOfTheTable() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"hr:65535\", type: float32}"),
        "points[0].address",
        "hr:65535-65536 runs past the end of the table (last offset 65535)");
    assertRejected(
        withPoints("{name: sn, address: \"ir:65530\", type: string, stringLength: 13}"),
        "points[0].address",
        "ir:65530-65536 runs past the end of the table (last offset 65535)");
  }

  @Test
  void shouldRejectOverlappingPointsNamingBoth() {
    String yaml =
        withPoints(
            "{name: state, address: \"ir:0\", type: uint16}",
            "{name: speed_rpm, address: \"hr:0\", type: float32}",
            "{name: current_a, address: \"hr:2\", type: float32}",
            "{name: torque_nm, address: \"40001\", type: float32}");

    assertRejected(yaml, "points[3].address", "hr:0-1 overlaps point 'speed_rpm' at hr:0-1");
  }

  @Test
  void shouldRejectPartialOverlapOfALongerEarlierPoint() {
    String yaml =
        withPoints(
            "{name: energy_kwh, address: \"ir:10\", type: int64}",
            "{name: state, address: \"ir:0\", type: uint16}",
            "{name: power_kw, address: \"ir:13\", type: float32}");

    assertRejected(yaml, "points[2].address", "ir:13-14 overlaps point 'energy_kwh' at ir:10-13");
  }

  @Test
  void shouldAllowTheSameOffsetInDifferentTables() {
    RegisterMap map =
        MapYaml.parse(
            withPoints(
                "{name: a, address: \"ir:0\", type: uint16}",
                "{name: b, address: \"hr:0\", type: uint16}",
                "{name: c, address: \"coil:0\", type: bool}",
                "{name: d, address: \"di:0\", type: bool}"));

    assertThat(map.points()).extracting(PointDefinition::name).containsExactly("a", "b", "c", "d");
  }
}
