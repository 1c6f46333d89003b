package io.plantline.stream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.domain.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAB's {@code realKnownCause/machine_temperature_system_failure.csv} (22,695 rows, 5 minutes
 * apart, with one step back of 55 minutes on 2014-01-07 that repeats twelve timestamps), its four
 * labelled windows, and published NAB results on it, all test resources under {@code nab/}.
 */
final class NabData {
  /** The device id the rule files under {@code nab/} know. */
  static final String DEVICE = "nab-machine-temperature";

  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter LABEL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private NabData() {}

  /** One csv row. */
  record Sample(long time, double value) {}

  /**
   * A published detector's result on this file (see {@code nab/nab-published-results.csv}).
   *
   * @param detector NAB detector name
   * @param score NAB's raw standard-profile score for the file
   * @param tp true-positive rows NAB counted
   * @param fp false-positive rows NAB counted
   * @param rows rows whose anomaly score reached the detector's threshold
   */
  record Published(String detector, double score, int tp, int fp, List<Integer> rows) {}

  static List<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    String[] lines = text("nab/machine_temperature_system_failure.csv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      int comma = line.indexOf(',');
      out.add(
          new Sample(
              epochMs(line.substring(0, comma), CSV_TIME),
              Double.parseDouble(line.substring(comma + 1))));
    }
    return out;
  }

  static List<Long> times(List<Sample> samples) {
    return samples.stream().map(Sample::time).toList();
  }

  /** The samples as GOOD readings of {@link #DEVICE}'s metric {@code value}, in file order. */
  static List<Reading> readings(List<Sample> samples) {
    return samples.stream()
        .map(s -> new Reading(DEVICE, "nab", "nab", "value", s.value(), Quality.GOOD, s.time()))
        .toList();
  }

  static List<NabScorer.Window> windows() {
    try {
      JsonNode root =
          new ObjectMapper().readTree(text("nab/machine_temperature_system_failure.windows.json"));
      List<NabScorer.Window> out = new ArrayList<>();
      for (JsonNode w : root.elements().next()) {
        out.add(
            new NabScorer.Window(
                epochMs(w.get(0).asText(), LABEL_TIME), epochMs(w.get(1).asText(), LABEL_TIME)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Published> published() {
    List<Published> out = new ArrayList<>();
    for (String line : text("nab/nab-published-results.csv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      List<Integer> rows =
          f[5].isBlank()
              ? List.of()
              : Arrays.stream(f[5].trim().split(" ")).map(Integer::valueOf).toList();
      out.add(
          new Published(
              f[0],
              Double.parseDouble(f[2]),
              Integer.parseInt(f[3]),
              Integer.parseInt(f[4]),
              rows));
    }
    return out;
  }

  static String format(long time) {
    return LocalDateTime.ofEpochSecond(time / 1000, 0, ZoneOffset.UTC).toString().replace('T', ' ');
  }

  static String text(String resource) {
    try (InputStream in = NabData.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long epochMs(String text, DateTimeFormatter format) {
    return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
