package io.plantline.stream.domain;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled rule file: which device ids are of which device type, the rules of each type, and the
 * per-device overrides that replace a rule for matching devices. Immutable and serialisable, so it
 * ships inside the Flink functions.
 *
 * @param version the rule file's version
 * @param settings settings for every rule
 * @param deviceTypes device type to the id patterns of its devices, in file order (first match
 *     wins)
 * @param rules device type to its rules
 * @param overrides replacements, last matching override of a rule wins
 */
public record RuleSet(
    int version,
    RuleSettings settings,
    Map<String, List<DeviceGlob>> deviceTypes,
    Map<String, List<Detector>> rules,
    List<Override> overrides)
    implements Serializable {

  /**
   * A rule replaced for the devices matching {@code devices}.
   *
   * @param devices the device id patterns
   * @param detector the replacement (same rule id as the rule it replaces)
   */
  public record Override(List<DeviceGlob> devices, Detector detector) implements Serializable {}

  /** Copies the collections. */
  public RuleSet {
    deviceTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deviceTypes));
    rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    overrides = List.copyOf(overrides);
  }

  /** The device type of a device id, or null if no pattern matches. */
  public String deviceTypeOf(String deviceId) {
    for (Map.Entry<String, List<DeviceGlob>> e : deviceTypes.entrySet()) {
      for (DeviceGlob g : e.getValue()) {
        if (g.matches(deviceId)) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  /** The rules that apply to a device, overrides applied; empty for unknown devices. */
  public List<Detector> rulesFor(String deviceId) {
    String type = deviceTypeOf(deviceId);
    if (type == null) {
      return List.of();
    }
    List<Detector> result = new ArrayList<>();
    for (Detector base : rules.getOrDefault(type, List.of())) {
      Detector chosen = base;
      for (Override o : overrides) {
        if (o.detector().spec().id().equals(base.spec().id())
            && o.devices().stream().anyMatch(g -> g.matches(deviceId))) {
          chosen = o.detector();
        }
      }
      result.add(chosen);
    }
    return List.copyOf(result);
  }

  /** Every rule id of every type. */
  public Set<String> ruleIds() {
    Set<String> ids = new LinkedHashSet<>();
    rules.values().forEach(list -> list.forEach(d -> ids.add(d.spec().id())));
    return ids;
  }
}
