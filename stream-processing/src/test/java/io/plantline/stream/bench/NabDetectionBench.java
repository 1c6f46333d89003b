package io.plantline.stream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.DeviceView;
import io.plantline.stream.domain.EwmaZScore;
import io.plantline.stream.domain.MetricHistory;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSpec;
import io.plantline.stream.domain.RuleState;
import io.plantline.stream.rules.RuleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Detection quality on NAB's {@code machine_temperature_system_failure.csv} (22,695 samples, 5
 * minutes apart, four labelled anomaly windows). The detector is the job's {@link EwmaZScore},
 * compiled from {@code nab/nab-rules.yaml} by the job's rule-file parser and fed the csv in order
 * through {@link Detector#onReading}; the labels are read only afterwards, to score.
 *
 * <p>For each window: detected or not, when the first detection inside it came (hours after the
 * window start and before its end) and NAB's scaled-sigmoid credit for it; detections outside the
 * windows are false alarms. The NAB-style score uses the standard profile (true positive 1.0, false
 * positive -0.11, missed window -1.0), normalised so that detecting nothing scores 0 and the
 * earliest possible detection in every window 100. It is an approximation of NAB's scorer: no
 * probationary period and no threshold optimisation.
 *
 * <p>Options: {@code --sweep} also prints the score for a grid of half-lives and z limits; that
 * grid is scored against the same labels, so any choice made from it is tuned on the test data.
 */
public final class NabDetectionBench {
  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter LABEL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private NabDetectionBench() {}

  record Sample(long time, double value) {}

  record Window(long start, long end) {}

  record Score(int detected, int falseAlarms, double raw, double normalised, List<String> rows) {}

  /** Prints the table (and with {@code --sweep} the grid). */
  public static void main(String[] args) {
    long begin = System.nanoTime();
    List<Sample> samples = samples();
    RuleSet rules = RuleFiles.parse(text("nab/nab-rules.yaml"), "nab/nab-rules.yaml");
    EwmaZScore detector = (EwmaZScore) rules.rulesFor("nab-machine-temperature").get(0);
    List<Long> detections = detect(detector, samples);
    List<Window> windows = windows();
    Score score = score(detections, windows, samples);

    System.out.printf(
        Locale.ROOT,
        "NAB machine_temperature_system_failure.csv: %d samples, %d labelled windows;"
            + " detector %s (half-life %s, raise |z| >= %.1f, clear |z| < %.1f, %d training"
            + " samples, min std %.2f)%n",
        samples.size(),
        windows.size(),
        detector.spec().kind(),
        Duration.ofMillis(detector.halfLifeMs()),
        detector.raiseZ(),
        detector.clearZ(),
        detector.minSamples(),
        detector.minStd());
    System.out.println(
        "| window | start | end | detected | first detection | after start | before end | NAB credit |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    score.rows().forEach(System.out::println);
    System.out.printf(
        Locale.ROOT,
        "detections: %d in total, %d windows of %d detected, %d false alarms outside windows"
            + " (%.1f per week of data)%n",
        detections.size(),
        score.detected(),
        windows.size(),
        score.falseAlarms(),
        score.falseAlarms()
            / ((samples.get(samples.size() - 1).time() - samples.get(0).time())
                / (7 * 86_400_000.0)));
    System.out.printf(
        Locale.ROOT,
        "NAB-style score (standard profile): raw %.3f, normalised %.1f%n",
        score.raw(),
        score.normalised());

    if (List.of(args).contains("--sweep")) {
      System.out.println(
          "sweep (scored against the same labels: tuning here is tuning on test data)");
      System.out.println("| half-life | raise z | detected | false alarms | normalised score |");
      System.out.println("|---|---|---|---|---|");
      for (String halfLife : List.of("1h", "5h", "12h", "24h")) {
        for (double z : new double[] {3.5, 4.5, 6.0}) {
          EwmaZScore d =
              variant(
                  detector, Duration.parse("PT" + halfLife.toUpperCase(Locale.ROOT)).toMillis(), z);
          Score s = score(detect(d, samples), windows, samples);
          System.out.printf(
              Locale.ROOT,
              "| %s | %.1f | %d/%d | %d | %.1f |%n",
              halfLife,
              z,
              s.detected(),
              windows.size(),
              s.falseAlarms(),
              s.normalised());
        }
      }
    }
    System.out.printf(Locale.ROOT, "bench time %.1f s%n", (System.nanoTime() - begin) / 1e9);
  }

  private static EwmaZScore variant(EwmaZScore d, long halfLifeMs, double raiseZ) {
    RuleSpec spec = d.spec();
    return new EwmaZScore(
        spec, d.metric(), halfLifeMs, raiseZ, d.clearZ(), d.minSamples(), d.minStd(), d.gate());
  }

  /** Feeds every sample to the detector; returns the times at which its condition started. */
  static List<Long> detect(Detector detector, List<Sample> samples) {
    RuleState state = new RuleState();
    DeviceView none =
        new DeviceView() {
          @Override
          public double latest(String metric) {
            return Double.NaN;
          }

          @Override
          public MetricHistory history(String metric) {
            return null;
          }
        };
    List<Long> starts = new ArrayList<>();
    for (Sample s : samples) {
      boolean before = state.active;
      detector.onReading(
          state,
          new Reading(
              "nab-machine-temperature", "nab", "nab", "value", s.value(), Quality.GOOD, s.time()),
          none);
      if (state.active && !before) {
        starts.add(s.time());
      }
    }
    return starts;
  }

  static Score score(List<Long> detections, List<Window> windows, List<Sample> samples) {
    double raw = 0;
    int detected = 0;
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      Window w = windows.get(i);
      Long first =
          detections.stream().filter(t -> t >= w.start() && t <= w.end()).findFirst().orElse(null);
      if (first == null) {
        raw -= 1.0;
        rows.add(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | no | - | - | - | -1.000 |",
                i + 1,
                format(w.start()),
                format(w.end())));
        continue;
      }
      detected++;
      double y = (double) (first - w.end()) / (w.end() - w.start()); // -1 at start, 0 at end
      double credit = sigmoid(y);
      raw += credit;
      rows.add(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | yes | %s | %.1f h | %.1f h | %.3f |",
              i + 1,
              format(w.start()),
              format(w.end()),
              format(first),
              (first - w.start()) / 3_600_000.0,
              (w.end() - first) / 3_600_000.0,
              credit));
    }
    int falseAlarms = 0;
    for (long t : detections) {
      if (windows.stream().anyMatch(w -> t >= w.start() && t <= w.end())) {
        continue;
      }
      falseAlarms++;
      Window previous = null;
      for (Window w : windows) {
        if (w.end() < t) {
          previous = w;
        }
      }
      double weight =
          previous == null
              ? -1.0
              : sigmoid((double) (t - previous.end()) / (previous.end() - previous.start()));
      raw += 0.11 * weight;
    }
    double perfect = windows.size() * sigmoid(-1.0);
    double nothing = -windows.size();
    return new Score(detected, falseAlarms, raw, 100 * (raw - nothing) / (perfect - nothing), rows);
  }

  /** NAB's scaled sigmoid: about 1 at y = -1 (window start), 0 at the end, toward -1 after it. */
  static double sigmoid(double y) {
    return 2 / (1 + Math.exp(5 * y)) - 1;
  }

  static List<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    String[] lines = text("nab/machine_temperature_system_failure.csv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      int comma = line.indexOf(',');
      long t =
          LocalDateTime.parse(line.substring(0, comma), CSV_TIME)
              .toInstant(ZoneOffset.UTC)
              .toEpochMilli();
      out.add(new Sample(t, Double.parseDouble(line.substring(comma + 1))));
    }
    return out;
  }

  static List<Window> windows() {
    try {
      JsonNode root =
          new ObjectMapper().readTree(text("nab/machine_temperature_system_failure.windows.json"));
      List<Window> out = new ArrayList<>();
      for (JsonNode w : root.elements().next()) {
        out.add(new Window(labelTime(w.get(0).asText()), labelTime(w.get(1).asText())));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long labelTime(String text) {
    return LocalDateTime.parse(text, LABEL_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static String format(long time) {
    return LocalDateTime.ofEpochSecond(time / 1000, 0, ZoneOffset.UTC).toString().replace('T', ' ');
  }

  static String text(String resource) {
    try (InputStream in = NabDetectionBench.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
