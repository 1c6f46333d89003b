package io.plantline.stream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.backtest.CsvSeries;
import io.plantline.stream.backtest.InputRow;
import io.plantline.stream.backtest.LabelledWindows;
import io.plantline.stream.backtest.NabScorer;
import io.plantline.stream.domain.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

  /** Every row of the file with a timestamp, in file order (the step back included). */
  static List<Sample> samples() {
    String resource = "nab/machine_temperature_system_failure.csv";
    return CsvSeries.parse(text(resource), resource).rows().stream()
        .filter(InputRow::hasTime)
        .map(r -> new Sample(r.time(), Double.parseDouble(r.value())))
        .toList();
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
      String resource = "nab/machine_temperature_system_failure.windows.json";
      return LabelledWindows.parse(
          new ObjectMapper().readTree(text(resource)), resource, null, null);
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
}
