package io.plantline.stream.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of one device, resolved from the rule set once per device.
 *
 * @param detectors the rules, overrides applied
 * @param tracked metrics the rules read: only these are buffered and kept in history
 * @param retentionMs how much history to keep: the evidence window or the longest rule window
 */
public record DeviceRules(List<Detector> detectors, Set<String> tracked, long retentionMs) {

  /** The rules of {@code rules} that apply to {@code deviceId}. */
  public static DeviceRules of(RuleSet rules, String deviceId) {
    List<Detector> detectors = rules.rulesFor(deviceId);
    Set<String> tracked = new HashSet<>();
    long retention = rules.settings().evidenceWindowMs();
    for (Detector d : detectors) {
      tracked.addAll(d.inputs());
      tracked.addAll(d.evidenceMetrics());
      retention = Math.max(retention, d.historyMs());
    }
    return new DeviceRules(
        detectors, Set.copyOf(tracked), retention + rules.settings().historyBucketMs());
  }
}
