package io.plantline.stream;

import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.rules.RuleFiles;

/** Small rule files and readings for tests. */
public final class TestRules {
  /** An arbitrary event-time origin, 2023-11-14T22:13:20Z. */
  public static final long T0 = 1_700_000_000_000L;

  private TestRules() {}

  /** A rule set of motor spindles ({@code spindle-*}) with the given rules (YAML list items). */
  public static RuleSet spindles(String rulesYaml) {
    return RuleFiles.parse(
        """
        version: 1
        settings: {evidenceWindow: 1m, historyBucket: 10s, workOrderMinSeverity: HIGH,
                   floodMaxAlarmsPerAreaPerMinute: 10}
        deviceTypes:
          motor-spindle: ["spindle-*"]
        rules:
        """
            + rulesYaml.indent(2),
        "test-rules.yaml");
  }

  /** A GOOD reading of {@code spindle-001} in site-1/machining. */
  public static Reading reading(String metric, double value, long time) {
    return reading("spindle-001", metric, value, time);
  }

  /** A GOOD reading of a device in site-1/machining. */
  public static Reading reading(String device, String metric, double value, long time) {
    return new Reading(device, "site-1", "machining", metric, value, Quality.GOOD, time);
  }

  /** {@code T0 + seconds}. */
  public static long at(double seconds) {
    return T0 + Math.round(seconds * 1000);
  }
}
