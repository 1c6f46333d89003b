package io.plantline.ingestion.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttSubscriptionTest {

  @Test
  void shouldSubscribeDirectlyToEverySiteByDefault() {
    assertThat(MqttSubscription.direct().filters())
        .containsExactly("plantline/v1/+/+/+/telemetry", "plantline/v1/+/+/+/status");
  }

  @Test
  void shouldSubscribeToOneSiteWhenGivenOne() {
    MqttSubscription north =
        new MqttSubscription(MqttSubscription.Mode.DIRECT, "g", Optional.of("site-north"));
    assertThat(north.filters())
        .containsExactly(
            "plantline/v1/site-north/+/+/telemetry", "plantline/v1/site-north/+/+/status");
  }

  @Test
  void shouldJoinTheGroupWhenShared() {
    MqttSubscription shared =
        new MqttSubscription(MqttSubscription.Mode.SHARED, "ingest", Optional.empty());
    assertThat(shared.filters())
        .containsExactly(
            "$share/ingest/plantline/v1/+/+/+/telemetry",
            "$share/ingest/plantline/v1/+/+/+/status");
  }

  @Test
  void shouldRejectAnUnknownModeOrABadSite() {
    assertThatThrownBy(() -> MqttSubscription.Mode.fromName("sticky"))
        .hasMessageContaining("direct or shared");
    assertThatThrownBy(
            () ->
                new MqttSubscription(MqttSubscription.Mode.DIRECT, "g", Optional.of("site/north")))
        .hasMessageContaining("site");
  }
}
