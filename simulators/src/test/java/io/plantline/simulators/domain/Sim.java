package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Map;
import java.util.function.DoublePredicate;

/** Drives models through simulated time in tests, at 1 s steps unless told otherwise. */
final class Sim {

  static final Duration SECOND = Duration.ofSeconds(1);

  private Sim() {}

  static DeviceModel create(String type, Object... keyValues) {
    Map<String, Object> params = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put((String) keyValues[i], keyValues[i + 1]);
    }
    return DeviceModels.create(type, params, 42);
  }

  /** Advances {@code seconds} of simulated time in 1 s steps. */
  static void run(DeviceModel model, double seconds) {
    for (long s = 0; s < Math.round(seconds); s++) {
      model.advance(SECOND);
    }
  }

  static void runMinutes(DeviceModel model, double minutes) {
    run(model, minutes * 60);
  }

  /** Mean of {@code point} read after each of {@code seconds} 1 s steps. */
  static double mean(DeviceModel model, String point, int seconds) {
    double sum = 0;
    for (int s = 0; s < seconds; s++) {
      model.advance(SECOND);
      sum += model.read(point);
    }
    return sum / seconds;
  }

  /**
   * Seconds of simulated time until {@code point} satisfies {@code condition}, or -1 if it does not
   * within {@code limitSeconds}.
   */
  static long secondsUntil(
      DeviceModel model, String point, DoublePredicate condition, long limitSeconds) {
    for (long s = 0; s <= limitSeconds; s++) {
      if (condition.test(model.read(point))) {
        return s;
      }
      model.advance(SECOND);
    }
    return -1;
  }
}
