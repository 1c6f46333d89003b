package io.plantline.stream.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.stream.TestRules;
import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.SustainedThreshold;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleFilesTest {

  @Test
  void shouldCompileTheShippedRuleFileWithEveryKindOfRule() {
    RuleSet rules = RuleFiles.builtIn();

    assertThat(rules.version()).isEqualTo(1);
    assertThat(rules.rules().values().stream().flatMap(List::stream).map(d -> d.spec().kind()))
        .containsAll(RuleCompiler.KINDS);
    assertThat(rules.deviceTypeOf("spindle-003")).isEqualTo("motor-spindle");
    assertThat(rules.deviceTypeOf("coolant-pump-002")).isEqualTo("pump");
    assertThat(rules.deviceTypeOf("oven-temperature")).isEqualTo("csv-replay");
    assertThat(rules.deviceTypeOf("unknown-thing")).isNull();
  }

  @Test
  void shouldApplyAPerDeviceOverrideOnlyToMatchingDevices() {
    RuleSet rules = RuleFiles.builtIn();

    assertThat(threshold(rules, "spindle-001").threshold()).isEqualTo(130.0);
    assertThat(threshold(rules, "spindle-002").threshold()).isEqualTo(120.0);
    assertThat(threshold(rules, "spindle-001").forMs()).isEqualTo(30_000);
  }

  private static SustainedThreshold threshold(RuleSet rules, String device) {
    Detector d =
        rules.rulesFor(device).stream()
            .filter(r -> r.spec().id().equals("winding-overtemperature"))
            .findFirst()
            .orElseThrow();
    return (SustainedThreshold) d;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown key | - {id: r, deviceType: motor-spindle, kind: missing-data, metric: speed_rpm,"
            + " for: 1m, forr: 2m} | rules[0].forr | unknown key",
        "bad duration | - {id: r, deviceType: motor-spindle, kind: missing-data, metric: speed_rpm,"
            + " for: 1 minute} | rules[0].for | bad duration",
        "duration overflow (a fuzzing finding) | - {id: r, deviceType: motor-spindle,"
            + " kind: missing-data, metric: speed_rpm, for: 666666666666666666666666666661s}"
            + " | rules[0].for | is too long",
        "duration overflow in ms | - {id: r, deviceType: motor-spindle, kind: missing-data,"
            + " metric: speed_rpm, for: 9223372036854775807d} | rules[0].for | is too long",
        "unknown metric | - {id: r, deviceType: motor-spindle, kind: missing-data,"
            + " metric: speed, for: 1m} | rules[0].metric | unknown metric 'speed'",
        "unknown type | - {id: r, deviceType: robot, kind: missing-data, metric: speed_rpm,"
            + " for: 1m} | rules[0].deviceType | unknown device type 'robot'",
        "unknown kind | - {id: r, deviceType: motor-spindle, kind: magic, metric: speed_rpm}"
            + " | rules[0].kind | unknown kind 'magic'",
        "gate metric | - {id: r, deviceType: motor-spindle, kind: flatline, metric: current_a,"
            + " for: 1m, while: {metric: status, equals: 1}} | rules[0].while.metric |"
            + " unknown metric 'status'",
        "hysteresis | - {id: r, deviceType: motor-spindle, kind: sustained-threshold,"
            + " metric: current_a, above: 10, clearBelow: 12} | rules[0].clearBelow |"
            + " safe side",
        "both limits | - {id: r, deviceType: motor-spindle, kind: sustained-threshold,"
            + " metric: current_a, above: 10, below: 2} | rules[0].above | exactly one",
        "combined | - {id: r, deviceType: motor-spindle, kind: combined-rise, window: 5m,"
            + " rises: {current_a: 1, speed: 2}} | rules[0].rises.speed | unknown metric",
        "level shift | - {id: r, deviceType: motor-spindle, kind: level-shift, metric: current_a,"
            + " recent: 1h, baseline: 30m, raiseZ: 3} | rules[0].baseline | longer than recent",
      })
  void shouldRejectABadRuleNamingTheKeyPath(String name, String rule, String path, String why) {
    assertThatThrownBy(() -> TestRules.spindles(rule))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("test-rules.yaml: " + path + ": ")
        .hasMessageContaining(why);
  }

  @Test
  void shouldRejectADuplicateRuleId() {
    String rule =
        "- {id: r, deviceType: motor-spindle, kind: missing-data, metric: speed_rpm, for: 1m}\n";
    assertThatThrownBy(() -> TestRules.spindles(rule + rule))
        .hasMessageContaining("rules[1].id: duplicate rule id 'r'");
  }

  @Test
  void shouldNameTheOverrideKeyWhenAnOverrideIsBad() {
    String yaml =
        """
        version: 1
        deviceTypes: {motor-spindle: ["spindle-*"]}
        rules:
          - {id: r, deviceType: motor-spindle, kind: missing-data, metric: speed_rpm, for: 1m}
        overrides:
          - {devices: ["spindle-002"], rule: r, set: {for: soon}}
        """;
    assertThatThrownBy(() -> RuleFiles.parse(yaml, "plant.yaml"))
        .isInstanceOf(RuleFileException.class)
        .hasMessageStartingWith("plant.yaml: overrides[0].set.for: bad duration 'soon'");
  }

  @Test
  void shouldRejectAnUnknownVersionAndAnUnknownTopLevelKey() {
    assertThatThrownBy(() -> RuleFiles.parse("version: 2\ndeviceTypes: {}\nrules: []\n", "f"))
        .hasMessageContaining("f: version: unsupported version 2");
    assertThatThrownBy(
            () -> RuleFiles.parse("version: 1\ndeviceTypes: {}\nrules: []\nalarms: 3\n", "f"))
        .hasMessageContaining("f: alarms: unknown key");
  }
}
