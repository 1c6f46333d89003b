package io.plantline.stream.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.plantline.contracts.Ids;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMaps;
import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.DeviceGlob;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads rule files (YAML, format version 1) into a {@link RuleSet}. Strict: an unknown key, a bad
 * duration, an unknown device type, an unknown metric of a type, a duplicate rule id or an override
 * of an unknown rule is rejected with one {@link RuleFileException} naming the key path. The format
 * is documented in the module README; {@code default-rules.yaml} is the shipped example.
 */
public final class RuleFiles {
  /** The rule file shipped for the simulated plants, a classpath resource. */
  public static final String BUILT_IN = "io/plantline/stream/default-rules.yaml";

  /** The only format version this build reads. */
  public static final int FORMAT_VERSION = 1;

  private static final YAMLMapper YAML = new YAMLMapper();

  private RuleFiles() {}

  /** The shipped rule file. */
  public static RuleSet builtIn() {
    try (InputStream in = RuleFiles.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + BUILT_IN);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILT_IN, e);
    }
  }

  /** Reads a rule file from disk. */
  public static RuleSet load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new RuleFileException(file.toString(), "$", "cannot read: " + e.getMessage());
    }
  }

  /** Parses rule-file text; {@code source} names it in errors. */
  public static RuleSet parse(String yaml, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new RuleFileException(source, "$", "not YAML: " + e.getOriginalMessage());
    }
    YamlNode root = YamlNode.at(source, tree, "");
    JsonNode version = root.required("version");
    if (!version.isInt() || version.asInt() != FORMAT_VERSION) {
      throw root.error("version", "unsupported version " + version + " (this build reads 1)");
    }
    RuleSettings settings = settings(source, root);
    Map<String, List<DeviceGlob>> types = deviceTypes(root.child("deviceTypes"));
    Map<String, Set<String>> metrics = new HashMap<>();
    types.keySet().forEach(t -> metrics.put(t, metricsOf(t)));

    Map<String, List<Detector>> rules = new LinkedHashMap<>();
    Map<String, ObjectNode> ruleNodes = new HashMap<>();
    Map<String, String> ruleTypes = new HashMap<>();
    List<JsonNode> ruleList = root.list("rules");
    for (int i = 0; i < ruleList.size(); i++) {
      String path = "rules[" + i + "]";
      YamlNode rule = YamlNode.at(source, ruleList.get(i), path);
      String id = rule.string("id");
      if (!Ids.isValid(id)) {
        throw rule.error("id", "not a valid id '" + id + "' (A-Z a-z 0-9 . _ -, at most 64)");
      }
      if (ruleNodes.containsKey(id)) {
        throw rule.error("id", "duplicate rule id '" + id + "'");
      }
      String type = rule.string("deviceType");
      if (!types.containsKey(type)) {
        throw rule.error(
            "deviceType", "unknown device type '" + type + "' (declared: " + types.keySet() + ")");
      }
      Detector detector = RuleCompiler.compile(rule, type, metrics.get(type));
      rules.computeIfAbsent(type, k -> new ArrayList<>()).add(detector);
      ruleNodes.put(id, rule.raw());
      ruleTypes.put(id, type);
    }
    List<RuleSet.Override> overrides = new ArrayList<>();
    if (root.has("overrides")) {
      List<JsonNode> list = root.list("overrides");
      for (int i = 0; i < list.size(); i++) {
        overrides.add(override(source, list.get(i), i, ruleNodes, ruleTypes, metrics));
      }
    } else {
      root.markRead("overrides");
    }
    root.finish();
    return new RuleSet(FORMAT_VERSION, settings, types, rules, overrides);
  }

  private static RuleSettings settings(String source, YamlNode root) {
    long evidence = 5 * 60_000L;
    long bucket = 60_000L;
    AlarmSeverity minSeverity = AlarmSeverity.HIGH;
    long flood = 10;
    if (root.has("settings")) {
      YamlNode s = root.child("settings");
      evidence = s.duration("evidenceWindow", evidence);
      bucket = s.duration("historyBucket", bucket);
      minSeverity = s.enumValue("workOrderMinSeverity", AlarmSeverity.class, minSeverity);
      flood = s.positiveInteger("floodMaxAlarmsPerAreaPerMinute", flood);
      if (bucket < 1000) {
        throw s.error("historyBucket", "at least 1s");
      }
      if (evidence < bucket) {
        throw s.error("evidenceWindow", "shorter than historyBucket");
      }
      s.finish();
    } else {
      root.markRead("settings");
    }
    return new RuleSettings(evidence, bucket, minSeverity, (int) flood, 60_000L);
  }

  private static Map<String, List<DeviceGlob>> deviceTypes(YamlNode node) {
    Map<String, List<DeviceGlob>> types = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.entries(); it.hasNext(); ) {
      String type = it.next().getKey();
      if (!RegisterMaps.builtInTypes().contains(type)) {
        throw node.error(
            type, "unknown device type (register maps: " + RegisterMaps.builtInTypes() + ")");
      }
      types.put(type, node.strings(type).stream().map(DeviceGlob::new).toList());
    }
    node.finish();
    return types;
  }

  private static Set<String> metricsOf(String type) {
    RegisterMap map = RegisterMaps.builtIn(type);
    Set<String> names = new TreeSet<>();
    map.points().forEach(p -> names.add(p.name()));
    return names;
  }

  private static RuleSet.Override override(
      String source,
      JsonNode node,
      int index,
      Map<String, ObjectNode> ruleNodes,
      Map<String, String> ruleTypes,
      Map<String, Set<String>> metrics) {
    String path = "overrides[" + index + "]";
    YamlNode o = YamlNode.at(source, node, path);
    List<DeviceGlob> devices = o.strings("devices").stream().map(DeviceGlob::new).toList();
    String ruleId = o.string("rule");
    if (!ruleNodes.containsKey(ruleId)) {
      throw o.error("rule", "unknown rule '" + ruleId + "' (rules: " + ruleNodes.keySet() + ")");
    }
    YamlNode set = o.child("set");
    ObjectNode merged = ruleNodes.get(ruleId).deepCopy();
    Set<String> fromSet = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = set.entries(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (List.of("id", "deviceType", "kind").contains(e.getKey())) {
        throw set.error(e.getKey(), "cannot be overridden");
      }
      merged.set(e.getKey(), e.getValue());
      fromSet.add(e.getKey());
    }
    o.finish();
    String rulePath = "rules[" + ruleId + "]";
    YamlNode mergedNode =
        new YamlNode(
            source,
            merged,
            path + ".set",
            key -> fromSet.contains(key) ? path + ".set." + key : rulePath + "." + key);
    String type = ruleTypes.get(ruleId);
    mergedNode.string("id");
    mergedNode.string("deviceType");
    return new RuleSet.Override(devices, RuleCompiler.compile(mergedNode, type, metrics.get(type)));
  }
}
