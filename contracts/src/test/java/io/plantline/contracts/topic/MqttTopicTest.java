package io.plantline.contracts.topic;

import static io.plantline.contracts.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.topic.MqttTopic.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MqttTopicTest {

  private static final String ALLOWED = " (allowed: A-Z a-z 0-9 . _ -)";

  @Test
  void shouldBuildTheTelemetryTopicOfADevice() {
    MqttTopic topic = MqttTopic.telemetry("plant-a", "stamping", "press-07");

    assertThat(topic.value()).isEqualTo("plantline/v1/plant-a/stamping/press-07/telemetry");
    assertThat(topic).hasToString(topic.value());
  }

  @Test
  void shouldBuildTheStatusTopicOfADevice() {
    assertThat(MqttTopic.status("plant-a", "stamping", "press-07").value())
        .isEqualTo("plantline/v1/plant-a/stamping/press-07/status");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void shouldParseWhatItBuilds(Kind kind) {
    MqttTopic built = new MqttTopic("plant-a", "stamping", "press-07", kind);

    MqttTopic parsed = MqttTopic.parse(built.value());

    assertThat(parsed).isEqualTo(built);
    assertThat(parsed.deviceId()).isEqualTo("press-07");
    assertThat(parsed.kind()).isEqualTo(kind);
  }

  @Test
  void shouldBuildSubscriptionFilters() {
    assertThat(MqttTopic.filter(Kind.TELEMETRY)).isEqualTo("plantline/v1/+/+/+/telemetry");
    assertThat(MqttTopic.filter(Kind.STATUS, "plant-a"))
        .isEqualTo("plantline/v1/plant-a/+/+/status");
    assertThat(MqttTopic.sharedFilter("ingestion", Kind.TELEMETRY))
        .isEqualTo("$share/ingestion/plantline/v1/+/+/+/telemetry");
  }

  @Test
  void shouldRejectSharedSubscriptionGroupThatWouldBreakTheFilter() {
    assertThat(violation(() -> MqttTopic.sharedFilter("ingest/a", Kind.TELEMETRY)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("group", "illegal character '/'" + ALLOWED);
  }

  @Test
  void shouldRejectBuildingATopicWithASlashInTheDeviceId() {
    assertThat(violation(() -> MqttTopic.telemetry("plant-a", "stamping", "press/07")))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("deviceId", "illegal character '/'" + ALLOWED);
  }

  static Stream<Arguments> badTopics() {
    return Stream.of(
        Arguments.of(null, "topic", "missing"),
        Arguments.of("", "topic", "expected prefix 'plantline', got ''"),
        Arguments.of(
            "factory/v1/a/b/c/telemetry", "topic", "expected prefix 'plantline', got 'factory'"),
        Arguments.of(
            "/plantline/v1/a/b/c/telemetry", "topic", "expected prefix 'plantline', got ''"),
        Arguments.of(
            "$share/g/plantline/v1/a/b/c/telemetry",
            "topic",
            "expected prefix 'plantline', got '$share'"),
        Arguments.of("plantline", "topic", "expected version 'v1', got none"),
        Arguments.of("plantline/v2/a/b/c/telemetry", "topic", "expected version 'v1', got 'v2'"),
        Arguments.of("plantline/v1/a/b/telemetry", "topic", "expected 6 segments, got 5"),
        Arguments.of("plantline/v1/a/b/press/07/telemetry", "topic", "expected 6 segments, got 7"),
        Arguments.of("plantline/v1/a/b/c/telemetry/", "topic", "expected 6 segments, got 7"),
        Arguments.of("plantline/v1/#", "topic", "expected 6 segments, got 3"),
        Arguments.of("plantline/v1//b/c/telemetry", "siteId", "empty"),
        Arguments.of("plantline/v1/a/b//status", "deviceId", "empty"),
        Arguments.of("plantline/v1/+/b/c/telemetry", "siteId", "illegal character '+'" + ALLOWED),
        Arguments.of("plantline/v1/a/#/c/telemetry", "areaId", "illegal character '#'" + ALLOWED),
        Arguments.of(
            "plantline/v1/a/b/press 07/telemetry",
            "deviceId",
            "illegal character U+0020" + ALLOWED),
        Arguments.of(
            "plantline/v1/a/b/c/metrics",
            "kind",
            "unknown kind 'metrics' (expected telemetry, status, command or command-result)"),
        Arguments.of(
            "plantline/v1/a/b/c/+",
            "kind",
            "unknown kind '+' (expected telemetry, status, command or command-result)"));
  }

  @ParameterizedTest
  @MethodSource("badTopics")
  void shouldRejectBadTopicWithAReason(String topic, String field, String reason) {
    assertThat(violation(() -> MqttTopic.parse(topic)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly(field, reason);
  }
}
