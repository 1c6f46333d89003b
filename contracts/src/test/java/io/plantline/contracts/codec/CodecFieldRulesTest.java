package io.plantline.contracts.codec;

import static io.plantline.contracts.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.golden.GoldenFixtures;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules about single values: presence, type, finiteness, format. */
class CodecFieldRulesTest {

  private static final String BATCH = GoldenFixtures.TELEMETRY_BATCH;

  @Test
  void shouldRejectMissingFieldNamingIt() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.remove("deviceId");

    assertRejected(tree, "deviceId", "missing");
  }

  @Test
  void shouldRejectMissingFieldOfAReadingNamingItsPath() {
    ObjectNode tree = Payloads.tree(BATCH);
    reading(tree, 1).remove("unit");

    assertRejected(tree, "readings[1].unit", "missing");
  }

  @Test
  void shouldRejectNullForARequiredField() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.putNull("gatewayTime");

    assertRejected(tree, "gatewayTime", "null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NaN",
        "Infinity",
        "-Infinity",
        "+Infinity",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-Infinity\"",
        "\"nan\"",
        "1e400",
        "-1e400"
      })
  void shouldRejectNonFiniteValueNamingTheField(String literal) {
    byte[] payload = Payloads.replaceOnce(BATCH, "\"value\": 3.7", "\"value\": " + literal);

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("readings[2].value", "not finite");
  }

  @Test
  void shouldRejectNonFiniteEvidenceNamingTheEntry() {
    byte[] payload =
        Payloads.replaceOnce(
            GoldenFixtures.ALARM_EVENT, "\"threshold\": 90.0", "\"threshold\": NaN");

    assertThat(violation(() -> Codecs.ALARM_EVENT.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("evidence.threshold", "not finite");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "seq        | \"4711\"     | expected integer, got string",
        "seq        | 4711.5       | expected integer, got 4711.5",
        "seq        | 4711.0       | expected integer, got 4711.0",
        "bootEpoch  | true         | expected integer, got boolean",
        "deviceId   | 7            | expected string, got 7",
        "deviceId   | [\"a\"]      | expected string, got array",
        "readings   | {}           | expected array, got object",
        "gatewayTime| 1795586282   | expected string, got 1795586282"
      })
  void shouldRejectValueOfTheWrongTypeWithoutCoercion(String field, String json, String reason) {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.set(field, Payloads.parse(json));

    assertRejected(tree, field, reason);
  }

  @Test
  void shouldRejectNumberInAStringForADoubleField() {
    ObjectNode tree = Payloads.tree(BATCH);
    reading(tree, 0).put("value", "71.25");

    assertRejected(tree, "readings[0].value", "expected number, got string");
  }

  @Test
  void shouldRejectFractionalSchemaVersion() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("schemaVersion", 1.0);

    assertRejected(tree, "schemaVersion", "expected integer, got 1.0");
  }

  @Test
  void shouldRejectIntegerBeyondTheRangeOfItsField() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("bootEpoch", new BigInteger("100000000000000000000"));

    assertRejected(tree, "bootEpoch", "out of range");
  }

  @Test
  void shouldRejectNegativeSequenceNumber() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("seq", -1);

    assertRejected(tree, "seq", "negative");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T11:15:30.123+01:00",
        "2026-11-25T10:15:30.123",
        "2026-11-25 10:15:30.123Z",
        "2026-11-25T10:15:30.123z",
        "2026-11-25"
      })
  void shouldRejectInstantThatIsNotIsoUtc(String text) {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("gatewayTime", text);

    assertRejected(
        tree, "gatewayTime", "expected ISO-8601 UTC instant like 2026-11-25T10:15:30.123Z");
  }

  @Test
  void shouldRejectImpossibleDate() {
    ObjectNode tree = Payloads.tree(BATCH);
    reading(tree, 3).put("sourceTime", "2026-13-25T10:15:30Z");

    assertRejected(tree, "readings[3].sourceTime", "invalid instant 2026-13-25T10:15:30Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3f1c2a9e8b4d4f6a9c1e2d7b5a0e4c11", "1-1-1-1-1", "", "batch-1"})
  void shouldRejectEventIdThatIsNotACanonicalUuid(String text) {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("eventId", text);

    assertRejected(tree, "eventId", "expected UUID in 8-4-4-4-12 hex form");
  }

  @ParameterizedTest
  @ValueSource(strings = {"OK", "good", ""})
  void shouldRejectUnknownEnumValue(String text) {
    ObjectNode tree = Payloads.tree(BATCH);
    reading(tree, 0).put("quality", text);

    assertRejected(
        tree,
        "readings[0].quality",
        "unknown value '" + text + "' (expected one of GOOD, UNCERTAIN, BAD)");
  }

  @Test
  void shouldRejectIdWithCharactersOutsideTheSafeSet() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("deviceId", "press/07");

    assertRejected(tree, "deviceId", "illegal character '/' (allowed: A-Z a-z 0-9 . _ -)");
  }

  @Test
  void shouldRejectBatchWithoutReadings() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.putArray("readings");

    assertRejected(tree, "readings", "empty");
  }

  @Test
  void shouldRejectReadingThatIsNotAnObject() {
    ObjectNode tree = Payloads.tree(BATCH);
    ((ArrayNode) tree.get("readings")).set(1, "temperature=71.25");

    assertRejected(tree, "readings[1]", "expected object, got string");
  }

  @Test
  void shouldRejectSecondReadingOfTheSameMetric() {
    ObjectNode tree = Payloads.tree(BATCH);
    reading(tree, 3).put("metric", "temperature");

    assertRejected(tree, "readings[3].metric", "duplicate metric temperature");
  }

  @Test
  void shouldRejectUnknownSchemaVersion() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("schemaVersion", 7);

    assertRejected(tree, "schemaVersion", "unknown schemaVersion 7");
  }

  @Test
  void shouldRejectBlankMessage() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.ALARM_EVENT);
    tree.put("message", "  ");

    assertThat(violation(() -> Codecs.ALARM_EVENT.decode(Payloads.bytes(tree))))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("message", "blank");
  }

  @Test
  void shouldReadNullOptionalFieldAsAbsent() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.DEVICE_STATUS_DEATH);
    tree.putNull("reason");

    assertThat(Codecs.DEVICE_STATUS.decode(Payloads.bytes(tree)).optionalReason()).isEmpty();
  }

  @Test
  void shouldLeaveAbsentOptionalFieldOutOfTheJson() {
    byte[] birth = GoldenFixtures.bytes(GoldenFixtures.DEVICE_STATUS_BIRTH);

    ObjectNode encoded =
        Payloads.parseObject(Codecs.DEVICE_STATUS.encode(Codecs.DEVICE_STATUS.decode(birth)));

    assertThat(encoded.has("reason")).isFalse();
  }

  private static ObjectNode reading(ObjectNode batch, int index) {
    return (ObjectNode) batch.get("readings").get(index);
  }

  private static void assertRejected(ObjectNode tree, String field, String reason) {
    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(Payloads.bytes(tree))))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly(field, reason);
  }
}
