package io.plantline.stream.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Labelled anomaly windows in NAB's {@code combined_windows.json} format: an object from data-file
 * path (e.g. {@code realKnownCause/machine_temperature_system_failure.csv}) to a list of {@code
 * [start, end]} timestamp pairs. Read only to score a backtest, never by the detectors.
 */
public final class LabelledWindows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledWindows() {}

  /**
   * The windows of one data file.
   *
   * @param key the entry to read; null picks the only entry, or the one whose path ends with {@code
   *     inputName}
   * @param inputName the backtested file's name, to find its entry; may be null
   * @throws IllegalArgumentException naming what is wrong (no such entry, bad timestamps, …)
   */
  public static List<NabScorer.Window> read(Path file, String key, String inputName) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + ": cannot read labelled windows: " + e.getMessage());
    }
    return parse(root, file.toString(), key, inputName);
  }

  /** Parses the JSON tree; {@code source} names it in messages. */
  public static List<NabScorer.Window> parse(
      JsonNode root, String source, String key, String inputName) {
    if (root == null || !root.isObject() || root.isEmpty()) {
      throw new IllegalArgumentException(source + ": expected an object of data file → windows");
    }
    String chosen = key != null ? key : choose(root, source, inputName);
    JsonNode list = root.get(chosen);
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(
          source + ": no list of windows for '" + chosen + "' (entries: " + keys(root) + ")");
    }
    List<NabScorer.Window> windows = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode w = list.get(i);
      String where = source + ": " + chosen + "[" + i + "]";
      if (!w.isArray() || w.size() != 2) {
        throw new IllegalArgumentException(where + ": expected [start, end]");
      }
      try {
        windows.add(
            new NabScorer.Window(
                Series.parseTime(w.get(0).asText()), Series.parseTime(w.get(1).asText())));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(where + ": not a timestamp: " + e.getParsedString());
      }
    }
    return windows;
  }

  private static String choose(JsonNode root, String source, String inputName) {
    if (root.size() == 1) {
      return root.fieldNames().next();
    }
    List<String> matches = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (inputName != null && (k.equals(inputName) || k.endsWith("/" + inputName))) {
        matches.add(k);
      }
    }
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          source
              + ": "
              + (matches.isEmpty() ? "no" : matches.size())
              + " entries for '"
              + inputName
              + "'; name one with --windows-key");
    }
    return matches.get(0);
  }

  private static List<String> keys(JsonNode root) {
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    return keys.size() > 5
        ? List.of(keys.get(0), keys.get(1), "… " + keys.size() + " in all")
        : keys;
  }
}
