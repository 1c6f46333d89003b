package io.plantline.contracts.codec;

import static io.plantline.contracts.Violations.violation;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Samples;
import io.plantline.contracts.golden.GoldenFixtures;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules about the payload as a whole: size, syntax, duplicates, unknown fields. */
class CodecPayloadRulesTest {

  private static final String BATCH = GoldenFixtures.TELEMETRY_BATCH;

  @Test
  void shouldRejectPayloadLargerThan64KiBBeforeParsingIt() {
    byte[] payload = new byte[70_000];
    Arrays.fill(payload, (byte) '[');

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("$", "payload of 70000 bytes exceeds 65536");
  }

  @Test
  void shouldAcceptPayloadOfExactly64KiB() {
    String golden = GoldenFixtures.text(BATCH);
    int padding = EventCodec.MAX_PAYLOAD_BYTES - golden.getBytes(UTF_8).length;
    byte[] payload = (golden + " ".repeat(padding)).getBytes(UTF_8);

    assertThat(payload).hasSize(65_536);
    assertThat(Codecs.TELEMETRY_BATCH.decode(payload)).isEqualTo(Samples.telemetryBatch());
  }

  @Test
  void shouldRefuseToEncodeBatchLargerThan64KiB() {
    List<BatchReading> readings = new ArrayList<>();
    Instant at = Instant.parse("2026-11-25T10:15:30.100Z");
    for (int i = 0; i < 1_000; i++) {
      readings.add(new BatchReading("register." + i, i * 1.5, "1", Quality.GOOD, at));
    }
    TelemetryBatch base = Samples.telemetryBatch();
    TelemetryBatch huge =
        new TelemetryBatch(
            base.eventId(), 1, "press-07", "plant-a", "stamping", 1, 2, at, readings);

    ContractViolationException e = violation(() -> Codecs.TELEMETRY_BATCH.encode(huge));

    assertThat(e.field()).isEqualTo("$");
    assertThat(e.reason()).matches("payload of \\d+ bytes exceeds 65536");
  }

  @Test
  void shouldRefuseToEncodeInstantWithoutAnIsoUtcForm() {
    TelemetryBatch base = Samples.telemetryBatch();
    TelemetryBatch farFuture =
        new TelemetryBatch(
            base.eventId(),
            1,
            "press-07",
            "plant-a",
            "stamping",
            1,
            2,
            Instant.parse("+10000-01-01T00:00:00Z"),
            base.readings());

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.encode(farFuture)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("gatewayTime", "year outside 0000-9999: +10000-01-01T00:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"eventId\": ",
        "{\"eventId\": \"x\",}",
        "{'eventId': 'x'}",
        "{\"seq\": 1} trailing",
        "/* comment */ {\"seq\": 1}",
        "{\"seq\": 01}",
        "{\"unit\": \"bell\u0007\"}"
      })
  void shouldRejectMalformedJsonAsAWhole(String text) {
    ContractViolationException e = violation(() -> Codecs.TELEMETRY_BATCH.decode(utf8(text)));

    assertThat(e.field()).isEqualTo("$");
    assertThat(e.reason()).startsWith("malformed JSON at line 1");
  }

  @Test
  void shouldRejectContentAfterTheObject() {
    byte[] payload = utf8(GoldenFixtures.text(BATCH) + "{\"seq\": 4712}");

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("$", "malformed JSON: content after the object");
  }

  @Test
  void shouldRejectPayloadThatIsNotUtf8() {
    byte[] latin1 = GoldenFixtures.text(BATCH).getBytes(StandardCharsets.ISO_8859_1);
    byte[] utf16 = GoldenFixtures.text(BATCH).getBytes(StandardCharsets.UTF_16);

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(latin1)).reason())
        .isEqualTo("not valid UTF-8");
    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(utf16)).field()).isEqualTo("$");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" \n\t "})
  void shouldRejectEmptyPayload(String text) {
    byte[] payload = text == null ? null : utf8(text);

    assertThat(violation(() -> Codecs.DEVICE_STATUS.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("$", "empty payload");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"batch\"", "42", "null", "true"})
  void shouldRejectPayloadThatIsNotAnObject(String text) {
    ContractViolationException e = violation(() -> Codecs.TELEMETRY_BATCH.decode(utf8(text)));

    assertThat(e.field()).isEqualTo("$");
    assertThat(e.reason()).startsWith("expected object, got ");
  }

  @Test
  void shouldRejectDuplicateKeyNamingIt() {
    byte[] payload = Payloads.replaceOnce(BATCH, "\"seq\": 4711,", "\"seq\": 4711, \"seq\": 4712,");

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("seq", "duplicate key");
  }

  @Test
  void shouldRejectDuplicateKeyInsideAReadingNamingItsPath() {
    byte[] payload =
        Payloads.replaceOnce(BATCH, "\"unit\": \"mm/s\",", "\"unit\": \"mm/s\", \"unit\": \"g\",");

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("readings[2].unit", "duplicate key");
  }

  @Test
  void shouldRejectUnknownFieldAtTheRoot() {
    ObjectNode tree = Payloads.tree(BATCH);
    tree.put("firmware", "1.4.2");

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(Payloads.bytes(tree))))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("firmware", "unknown field");
  }

  @Test
  void shouldRejectUnknownFieldInsideAReadingNamingItsPath() {
    ObjectNode tree = Payloads.tree(BATCH);
    ((ObjectNode) ((ArrayNode) tree.get("readings")).get(1)).put("scale", 10);

    assertThat(violation(() -> Codecs.TELEMETRY_BATCH.decode(Payloads.bytes(tree))))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("readings[1].scale", "unknown field");
  }

  @Test
  void shouldRejectNestingDeeperThanTheParserLimit() {
    String text = "{\"deep\": " + "[".repeat(40) + "]".repeat(40) + "}";

    ContractViolationException e = violation(() -> Codecs.ALARM_EVENT.decode(utf8(text)));

    assertThat(e.field()).isEqualTo("$");
    assertThat(e.reason()).startsWith("malformed JSON").contains("nesting depth");
  }

  private static byte[] utf8(String text) {
    return Payloads.utf8(text);
  }
}
