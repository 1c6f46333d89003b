package io.plantline.simulators.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {

  @Test
  void shouldScheduleActionsInSimulatedTimeOrder() {
    ScenarioFile scenario =
        ScenarioFile.parse(
            """
            scenario: s
            events:
              - {at: 2h, device: spindle-*, action: overheating, coolingLoss: 0.5}
              - {at: 90s, device: pump-1, action: fault, fault: exception, exceptionCode: 6}
            """,
            "s.yaml");

    assertThat(scenario.actions())
        .extracting(ScenarioFile.ScheduledAction::at)
        .containsExactly(Duration.ofSeconds(90), Duration.ofHours(2));
    ScenarioFile.ScheduledAction overheat = scenario.actions().get(1);
    assertThat(overheat.matches("spindle-001")).isTrue();
    assertThat(overheat.matches("pump-1")).isFalse();
  }

  @Test
  void shouldNameTheEventAndParameterOfABadAction() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    """
                    scenario: s
                    events:
                      - {at: 1m, device: d, action: fault, fault: exception, exceptionCode: 9}
                    """,
                    "s.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("s.yaml: events[0]: exceptionCode must be one of");
  }

  @Test
  void shouldRejectAnUnknownParameterAndABadDuration() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "scenario: s\nevents:\n  - {at: 1m, device: d, action: stop, speed: 3}\n",
                    "s.yaml"))
        .hasMessageContaining("events[0]: speed: not a parameter of this action");
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "scenario: s\nevents:\n  - {at: soon, device: d, action: stop}\n", "s.yaml"))
        .hasMessageContaining("events[0].at: must be a duration");
  }

  @Test
  void shouldLoadTheShippedScenarios() {
    assertThat(ScenarioFile.load("scenarios/bearing-failure.yaml").actions()).isNotEmpty();
    assertThat(ScenarioFile.load("scenarios/flaky-network.yaml").actions()).hasSizeGreaterThan(5);
  }
}
