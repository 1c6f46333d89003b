package io.plantline.registermap;

import static io.plantline.registermap.MapYaml.HEADER;
import static io.plantline.registermap.MapYaml.assertRejected;
import static io.plantline.registermap.MapYaml.assertRejectedContaining;
import static io.plantline.registermap.MapYaml.parse;
import static io.plantline.registermap.MapYaml.withPoints;
import static io.plantline.registermap.MapYaml.withTopLevel;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Map-level rules and YAML structure: each rejection names the source, key path and problem. */
class MapValidationTest {

  private static final String POINT = "{name: speed_rpm, address: \"ir:0\", type: float32}";

  @Test
  void shouldRejectMissingDeviceType() {
    assertRejected(
        withTopLevel("version: 1.0.0\nunitId: 1\n"), "deviceType", "missing required key");
  }

  @Test
  void shouldRejectDeviceTypeThatIsNotKebabCase() {
    assertRejectedContaining(
        withTopLevel("deviceType: Motor Spindle\nversion: 1.0.0\nunitId: 1\n"),
        "deviceType",
        "'Motor Spindle' is not a device type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "v1.0.0", "1.0.0.0", "01.0.0", "latest"})
  void shouldRejectVersionThatIsNotSemantic(String version) {
    assertRejected(
        withTopLevel("deviceType: pump\nversion: " + version + "\nunitId: 1\n"),
        "version",
        "'" + version + "' is not a semantic version such as 1.2.0");
  }

  @Test
  void shouldAcceptPreReleaseVersions() {
    assertThat(parse(withTopLevel("deviceType: pump\nversion: 2.1.0-rc.1\nunitId: 1\n")).version())
        .isEqualTo("2.1.0-rc.1");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 256, 1000})
  void shouldRejectUnitIdOutsideTheByteRange(int unitId) {
    assertRejected(
        withTopLevel("deviceType: pump\nversion: 1.0.0\nunitId: " + unitId + "\n"),
        "unitId",
        "unit id " + unitId + " is outside 0..255");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 247, 255})
  void shouldAcceptUnitIdsUsedByTcpGateways(int unitId) {
    String yaml = withTopLevel("deviceType: pump\nversion: 1.0.0\nunitId: " + unitId + "\n");

    assertThat(parse(yaml).unitId()).isEqualTo(unitId);
  }

  @Test
  void shouldRejectMissingOrNonNumericUnitId() {
    assertRejected(
        withTopLevel("deviceType: pump\nversion: 1.0.0\n"), "unitId", "missing required key");
    assertRejected(
        withTopLevel("deviceType: pump\nversion: 1.0.0\nunitId: one\n"),
        "unitId",
        "must be a whole number, not 'one'");
  }

  @Test
  void shouldRejectMissingEmptyOrMalformedPoints() {
    assertRejected(HEADER, "points", "missing required key");
    assertRejected(HEADER + "points: []\n", "points", "must hold at least one point");
    assertRejected(
        HEADER + "points: {a: 1}\n", "points", "must be a list of points, not a mapping");
    assertRejected(
        HEADER + "points:\n  - \"ir:0\"\n",
        "points[0]",
        "must be a mapping of keys to values, not 'ir:0'");
  }

  @Test
  void shouldRejectUnknownTopLevelKey() {
    assertRejected(
        withTopLevel(HEADER + "colour: red\n"),
        "colour",
        "unknown key; expected one of deviceType, version, unitId, defaultOrder, pollClasses,"
            + " points");
  }

  @Test
  void shouldRejectUnknownDefaultOrder() {
    assertRejected(
        withTopLevel(HEADER + "defaultOrder: ABDC\n"),
        "defaultOrder",
        "unknown value 'ABDC'; expected one of abcd, cdab, badc, dcba");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5ms", "9ms", "2h", "61m", "PT0.001S"})
  void shouldRejectPollPeriodsOutsideTenMillisecondsToAnHour(String period) {
    assertRejected(
        withTopLevel(HEADER + "pollClasses: {fast: " + period + ", normal: 1s}\n"),
        "pollClasses.fast",
        "poll period " + period + " is outside 10ms..1h");
  }

  @Test
  void shouldRejectPollPeriodsWithoutAUnitOrInAnotherFormat() {
    assertRejected(
        withTopLevel(HEADER + "pollClasses: {normal: 250}\n"),
        "pollClasses.normal",
        "a bare number has no unit; write e.g. 250ms, 1s or PT0.25S");
    assertRejected(
        withTopLevel(HEADER + "pollClasses: {normal: 1 s}\n"),
        "pollClasses.normal",
        "'1 s' is not a period; use e.g. 250ms, 1s, 1m, 1h or ISO-8601 PT0.25S");
  }

  @Test
  void shouldRejectEmptyPollClassesAndInvalidClassNames() {
    assertRejectedContaining(
        withTopLevel(HEADER + "pollClasses: {}\n"), "pollClasses", "at least one class");
    assertRejectedContaining(
        withTopLevel(HEADER + "pollClasses: {Fast: 1s, normal: 1s}\n"),
        "pollClasses.Fast",
        "'Fast' is not a valid poll class name");
  }

  @Test
  void shouldRejectPointWithUnknownPollClass() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: float32, pollClass: turbo}"),
        "points[0].pollClass",
        "unknown poll class 'turbo'; the map defines fast, normal, slow");
  }

  @Test
  void shouldRejectDefaultPollClassWhenTheMapDefinesNoNormalClass() {
    assertRejected(
        HEADER + "pollClasses: {fast: 100ms, slow: 5s}\npoints:\n  - " + POINT + "\n",
        "points[0].pollClass",
        "missing, and the map defines no 'normal' poll class to default to; it defines fast,"
            + " slow");
  }

  @Test
  void shouldRejectMalformedYamlAtTheKeyPathReached() {
    assertRejectedContaining(
        HEADER + "points: [{name: a,\n", "points[0].name", "malformed YAML at line");
    assertRejectedContaining(HEADER + "unitId: 2\n", "unitId", "duplicate key");
  }

  @Test
  void shouldRejectDuplicateKeysInAPoint() {
    assertRejected(
        withPoints(POINT, "{name: a, name: b, address: \"ir:2\", type: float32}"),
        "points[1].name",
        "duplicate key");
  }

  @Test
  void shouldRejectEmptyDocumentsListsAndSeveralDocuments() {
    assertRejected("", "$", "the document is empty");
    assertRejected("# nothing\n", "$", "the document is empty");
    assertRejected("- a\n- b\n", "$", "must be a mapping of keys to values, not a list");
    assertRejected(
        withPoints(POINT) + "---\ndeviceType: other\n",
        "$",
        "the file holds more than one YAML document");
  }

  @Test
  void shouldRejectYamlAliasesWhichWouldReadAsTheAnchorName() {
    assertRejected(
        withPoints(
            "{name: a, address: \"ir:0\", type: float32, unit: &u rpm}",
            "{name: b, address: \"ir:2\", type: float32, unit: *u}"),
        "points[1].unit",
        "YAML aliases such as *u are not supported; write the value");
  }

  @Test
  void shouldRejectKeysWithoutValue() {
    assertRejected(
        withPoints("{name: speed_rpm, address: \"ir:0\", type: float32, unit: ~}"),
        "points[0].unit",
        "has no value");
  }
}
