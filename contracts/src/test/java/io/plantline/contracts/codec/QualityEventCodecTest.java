package io.plantline.contracts.codec;

import static io.plantline.contracts.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Samples;
import io.plantline.contracts.golden.GoldenFixtures;
import io.plantline.contracts.quality.QualityEvent;
import io.plantline.contracts.quality.QualityEventKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityEventCodecTest {

  private static String fixture() {
    return GoldenFixtures.text(GoldenFixtures.QUALITY_EVENT);
  }

  private static ContractViolationException decodeFailure(String json) {
    return violation(() -> Codecs.QUALITY_EVENT.decode(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldRoundTripAClearanceWithAnEmptyPatternAndNoLimits() {
    QualityEvent raised = Samples.qualityEvent();
    QualityEvent cleared =
        new QualityEvent(
            raised.eventId(),
            1,
            QualityEventKind.VIOLATION_CLEARED,
            raised.characteristicId(),
            raised.deviceId(),
            raised.siteId(),
            raised.areaId(),
            raised.metric(),
            "CUSUM_UP",
            "CUSUM",
            raised.alarmId(),
            2,
            150,
            List.of(),
            raised.occurredAt(),
            "cleared",
            Map.of("value", 0.4));

    assertThat(Codecs.QUALITY_EVENT.decode(Codecs.QUALITY_EVENT.encode(cleared)))
        .isEqualTo(cleared);
  }

  @Test
  void shouldNameTheElementOfAPatternThatIsNotAnInteger() {
    ContractViolationException e = decodeFailure(fixture().replace("[140, 142]", "[140, 141.5]"));

    assertThat(e.field()).isEqualTo("patternSubgroups[1]");
    assertThat(e.reason()).contains("expected integer");
  }

  @Test
  void shouldRejectSubgroupZeroAndAnUnknownKind() {
    assertThat(decodeFailure(fixture().replace("\"subgroup\": 142", "\"subgroup\": 0")).field())
        .isEqualTo("subgroup");
    assertThat(decodeFailure(fixture().replace("VIOLATION_RAISED", "VIOLATION_SEEN")).reason())
        .contains("VIOLATION_CLEARED");
  }

  @Test
  void shouldRejectANonFiniteOrMissingFigure() {
    assertThat(decodeFailure(fixture().replace("\"ucl\": 25.0057", "\"ucl\": null")).field())
        .isEqualTo("figures.ucl");
    assertThat(decodeFailure(fixture().replace("\"ruleId\": \"WE2\",", "")).field())
        .isEqualTo("ruleId");
  }
}
