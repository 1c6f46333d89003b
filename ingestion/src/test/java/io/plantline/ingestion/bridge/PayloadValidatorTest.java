package io.plantline.ingestion.bridge;

import static io.plantline.ingestion.bridge.TestPayloads.telemetryTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.topic.MqttTopic;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadValidatorTest {
  private final PayloadValidator validator = new PayloadValidator();

  @Test
  void shouldAcceptAValidBatchOnItsOwnTopic() {
    Verdict verdict =
        validator.validate(telemetryTopic("dev-1"), TestPayloads.batchJson("dev-1", 5, 7, 3));

    assertThat(verdict).isInstanceOf(Verdict.Telemetry.class);
    Verdict.Telemetry t = (Verdict.Telemetry) verdict;
    assertThat(t.batch().seq()).isEqualTo(7);
    assertThat(t.topic().kind()).isEqualTo(MqttTopic.Kind.TELEMETRY);
  }

  @Test
  void shouldAcceptAValidStatus() {
    assertThat(
            validator.validate(
                TestPayloads.statusTopic("dev-1"), TestPayloads.birthJson("dev-1", 5)))
        .isInstanceOf(Verdict.Status.class);
  }

  static Stream<Arguments> badPayloads() {
    String t = telemetryTopic("dev-1");
    return Stream.of(
        Arguments.of(
            "not JSON",
            t,
            "{not json".getBytes(StandardCharsets.UTF_8),
            RejectionCategory.MALFORMED_JSON,
            "$"),
        Arguments.of("empty", t, new byte[0], RejectionCategory.MALFORMED_JSON, "$"),
        Arguments.of(
            "missing field",
            t,
            TestPayloads.without("dev-1", 1, "seq"),
            RejectionCategory.MISSING_FIELD,
            "seq"),
        Arguments.of(
            "NaN literal",
            t,
            TestPayloads.edited("dev-1", 1, "\"value\":1.0", "\"value\":NaN"),
            RejectionCategory.NOT_FINITE,
            "readings[0].value"),
        Arguments.of(
            "NaN string",
            t,
            TestPayloads.edited("dev-1", 1, "\"value\":1.0", "\"value\":\"NaN\""),
            RejectionCategory.NOT_FINITE,
            "readings[0].value"),
        Arguments.of(
            "schema version",
            t,
            TestPayloads.edited("dev-1", 1, "\"schemaVersion\":1", "\"schemaVersion\":99"),
            RejectionCategory.SCHEMA_VERSION,
            "schemaVersion"),
        Arguments.of(
            "too large", t, TestPayloads.oversized("dev-1", 1), RejectionCategory.TOO_LARGE, "$"),
        Arguments.of(
            "wrong type",
            t,
            TestPayloads.edited("dev-1", 1, "\"seq\":1", "\"seq\":\"1\""),
            RejectionCategory.WRONG_TYPE,
            "seq"),
        Arguments.of(
            "unknown field",
            t,
            TestPayloads.edited("dev-1", 1, "\"seq\":1", "\"seq\":1,\"extra\":2"),
            RejectionCategory.UNKNOWN_FIELD,
            "extra"),
        Arguments.of(
            "device mismatch",
            telemetryTopic("dev-2"),
            TestPayloads.batchJson("dev-1", 1, 1, 1),
            RejectionCategory.TOPIC_MISMATCH,
            "deviceId"),
        Arguments.of(
            "site mismatch",
            MqttTopic.telemetry("other-site", TestPayloads.AREA, "dev-1").value(),
            TestPayloads.batchJson("dev-1", 1, 1, 1),
            RejectionCategory.TOPIC_MISMATCH,
            "siteId"),
        Arguments.of(
            "bad topic",
            "plantline/v1/only/three",
            TestPayloads.batchJson("dev-1", 1, 1, 1),
            RejectionCategory.BAD_TOPIC,
            "topic"),
        Arguments.of(
            "unknown kind",
            "plantline/v1/s/a/d/commands",
            TestPayloads.batchJson("dev-1", 1, 1, 1),
            RejectionCategory.BAD_TOPIC,
            "topic"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPayloads")
  void shouldRejectEachKindOfBadMessageNamingTheField(
      String name, String topic, byte[] payload, RejectionCategory category, String field) {
    Verdict verdict = validator.validate(topic, payload);

    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    Rejection rejection = ((Verdict.Rejected) verdict).rejection();
    assertThat(rejection.category()).as(rejection.toString()).isEqualTo(category);
    assertThat(rejection.field()).isEqualTo(field);
    assertThat(rejection.reason()).isNotBlank();
  }

  @Test
  void shouldRefuseAGapStatusOnMqtt() {
    byte[] gap =
        new String(TestPayloads.birthJson("dev-1", 1), StandardCharsets.UTF_8)
            .replace("\"BIRTH\"", "\"GAP\"")
            .getBytes(StandardCharsets.UTF_8);

    Verdict verdict = validator.validate(TestPayloads.statusTopic("dev-1"), gap);

    assertThat(((Verdict.Rejected) verdict).rejection().field()).isEqualTo("state");
  }
}
