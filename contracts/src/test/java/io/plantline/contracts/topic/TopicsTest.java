package io.plantline.contracts.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldOfferExactlyTheKafkaTopicsOfTheDesign() {
    assertThat(Topics.ALL)
        .containsExactlyInAnyOrder(
            "telemetry.raw.v1",
            "telemetry.dlq.v1",
            "device.status.v1",
            "alarms.v1",
            "alarms.commands.v1",
            "workorder.commands.v1",
            "workorder.events.v1",
            "quality.events.v1",
            "energy.events.v1",
            "console.sessions.v1");
  }

  @Test
  void shouldNameTopicsByMeaningWithAVersionSuffix() {
    assertThat(Topics.ALL)
        .doesNotHaveDuplicates()
        .allMatch(name -> name.matches("[a-z]+(\\.[a-z]+)*\\.v[1-9][0-9]*"));
  }
}
