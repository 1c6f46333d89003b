package io.plantline.deploy.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mosquitto configuration file as the broker reads it: one option per line, {@code #} comments,
 * {@code listener <port> [address]} lines, and the other options by name.
 */
public record MosquittoConf(List<Integer> listeners, Map<String, String> options) {

  public static MosquittoConf parse(String text) {
    List<Integer> listeners = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      if (parts[0].equals("listener")) {
        listeners.add(Integer.parseInt(parts[1].split("\\s+")[0]));
      } else if (options.putIfAbsent(parts[0], parts.length > 1 ? parts[1] : "") != null) {
        throw new AssertionError("option " + parts[0] + " set twice in mosquitto.conf");
      }
    }
    return new MosquittoConf(List.copyOf(listeners), Map.copyOf(options));
  }

  /** The option's value; an error when the file does not set it. */
  public String value(String option) {
    String value = options.get(option);
    if (value == null) {
      throw new AssertionError("mosquitto.conf does not set " + option);
    }
    return value;
  }
}
