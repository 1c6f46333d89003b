package io.plantline.quality.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plantline.quality.domain.Characteristic;
import io.plantline.quality.domain.ChartSettings;
import io.plantline.quality.domain.ChartType;
import io.plantline.quality.domain.Rule;
import io.plantline.quality.domain.SpecLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the characteristics YAML file. Every mistake is rejected with the key path and the problem,
 * for example {@code characteristics[1].subgroup.size: XBAR_R needs 2..25, was 1}.
 *
 * <pre>
 * characteristics:
 *   - id: bore-diameter            # unique
 *     deviceId: bore-gauge
 *     metric: measured_dimension_mm
 *     chart: XBAR_R                # XBAR_R XBAR_S I_MR EWMA CUSUM P NP C U
 *     subgroup: {size: 5}          # or {size: 5, window: PT5M}: the first 5 readings per 5 minutes
 *     spec: {lsl: 24.985, usl: 25.015, target: 25.000}
 *     rules: [WE1, WE2, WE3, WE4, N5, N6, N7, N8]   # default: all eight
 *     baselineSubgroups: 25        # Phase I size, default 25
 *     settings: {sigmaWidth: 3, ewmaLambda: 0.2, ewmaWidth: 3, cusumK: 0.5, cusumH: 5}
 *     sampleSize: 50               # attribute charts: items (p, np) or units (c, u) per count
 * </pre>
 */
public final class CharacteristicsFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> KEYS =
      Set.of(
          "id",
          "deviceId",
          "metric",
          "chart",
          "subgroup",
          "spec",
          "rules",
          "baselineSubgroups",
          "settings",
          "sampleSize");

  private CharacteristicsFile() {}

  /** Reads and validates {@code file}. */
  public static List<Characteristic> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** Parses and validates YAML text. */
  public static List<Characteristic> parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("characteristics").isArray()) {
      throw new IllegalArgumentException("characteristics: a list is required");
    }
    List<Characteristic> result = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int i = 0;
    for (JsonNode node : root.path("characteristics")) {
      String path = "characteristics[" + i++ + "]";
      Characteristic c = characteristic(node, path);
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException(path + ".id: duplicate id " + c.id());
      }
      result.add(c);
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("characteristics: at least one is required");
    }
    return List.copyOf(result);
  }

  private static Characteristic characteristic(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(path + ": must be a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(path + "." + key + ": unknown key; known: " + KEYS);
      }
    }
    ChartType chart = enumValue(node, "chart", path, ChartType.class);
    JsonNode subgroup = node.path("subgroup");
    int size = subgroup.isMissingNode() ? 1 : integer(subgroup, "size", path + ".subgroup", 1);
    Optional<Duration> window = Optional.empty();
    if (subgroup.has("window")) {
      try {
        window = Optional.of(Duration.parse(subgroup.get("window").asText()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            path + ".subgroup.window: an ISO-8601 duration such as PT5M is required");
      }
    }
    Optional<SpecLimits> spec = Optional.empty();
    if (node.has("spec")) {
      JsonNode s = node.get("spec");
      spec =
          Optional.of(
              wrap(
                  path + ".",
                  () ->
                      new SpecLimits(
                          optionalNumber(s, "lsl", path + ".spec"),
                          optionalNumber(s, "usl", path + ".spec"),
                          optionalNumber(s, "target", path + ".spec"))));
    }
    Set<Rule> rules = EnumSet.range(Rule.WE1, Rule.N8);
    if (node.has("rules")) {
      rules = EnumSet.noneOf(Rule.class);
      int r = 0;
      for (JsonNode rule : node.get("rules")) {
        try {
          rules.add(Rule.valueOf(rule.asText()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              path + ".rules[" + r + "]: unknown rule '" + rule.asText() + "' (WE1..WE4, N5..N8)");
        }
        r++;
      }
    }
    JsonNode s = node.path("settings");
    ChartSettings d = ChartSettings.DEFAULTS;
    String sp = path + ".settings";
    ChartSettings settings =
        wrap(
            sp + ".",
            () ->
                new ChartSettings(
                    number(s, "sigmaWidth", sp, d.sigmaWidth()),
                    number(s, "ewmaLambda", sp, d.ewmaLambda()),
                    number(s, "ewmaWidth", sp, d.ewmaWidth()),
                    number(s, "cusumK", sp, d.cusumK()),
                    number(s, "cusumH", sp, d.cusumH())));
    Set<Rule> chosen = rules;
    Optional<Duration> subgroupWindow = window;
    Optional<SpecLimits> limits = spec;
    return wrap(
        path + ".",
        () ->
            new Characteristic(
                text(node, "id", path),
                text(node, "deviceId", path),
                text(node, "metric", path),
                chart,
                size,
                subgroupWindow,
                number(node, "sampleSize", path, 1),
                limits,
                chosen,
                settings,
                integer(node, "baselineSubgroups", path, 25)));
  }

  /** Prefixes the field named by a record's validation message with the key path. */
  private static <T> T wrap(String prefix, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("characteristics[")) {
        throw e;
      }
      String field = message.contains(":") ? message.substring(0, message.indexOf(':')) : "";
      if (field.equals("subgroupSize")) {
        message = "subgroup.size" + message.substring(field.length());
      } else if (field.equals("subgroupWindow")) {
        message = "subgroup.window" + message.substring(field.length());
      }
      throw new IllegalArgumentException(prefix + message);
    }
  }

  private static String text(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(path + "." + key + ": missing");
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(path + "." + key + ": must be text");
    }
    return value.asText();
  }

  private static <E extends Enum<E>> E enumValue(
      JsonNode node, String key, String path, Class<E> type) {
    String text = text(node, key, path);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          path + "." + key + ": unknown value '" + text + "', one of " + EnumSet.allOf(type));
    }
  }

  private static double number(JsonNode node, String key, String path, double fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(path + "." + key + ": must be a number");
    }
    return value.asDouble();
  }

  private static OptionalDouble optionalNumber(JsonNode node, String key, String path) {
    return node.has(key)
        ? OptionalDouble.of(number(node, key, path, Double.NaN))
        : OptionalDouble.empty();
  }

  private static int integer(JsonNode node, String key, String path, int fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException(path + "." + key + ": must be a whole number");
    }
    return value.asInt();
  }
}
