package io.plantline.console.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the figures of an edge gateway's Prometheus exposition that the console shows: journal
 * backlog (records, bytes, oldest age), dropped and rejected records, poll errors by device and
 * code, deadline misses, records in flight per uplink. Unknown lines are skipped.
 */
public final class GatewayMetricsText {
  static final String BACKLOG_RECORDS = "plantline_gateway_journal_backlog_records";
  static final String BACKLOG_BYTES = "plantline_gateway_journal_backlog_bytes";
  static final String OLDEST_AGE = "plantline_gateway_journal_oldest_age_seconds";
  static final String DROPPED = "plantline_gateway_journal_dropped_records";
  static final String REJECTED = "plantline_gateway_journal_rejected_records";
  static final String POLL_ERRORS = "plantline_gateway_poll_errors_total";
  static final String DEADLINE_MISSES = "plantline_gateway_poll_deadline_misses_total";
  static final String INFLIGHT = "plantline_gateway_uplink_inflight";

  /**
   * What one scrape says.
   *
   * @param backlogRecords records journaled and not yet acknowledged by every uplink
   * @param backlogBytes their size
   * @param oldestAgeSeconds age of the oldest of them
   * @param droppedRecords records dropped by the journal's overflow policy
   * @param rejectedRecords new records refused by the overflow policy
   * @param pollErrors poll errors by device, then by code
   * @param deadlineMisses poll deadline misses by device
   * @param inflight records in flight by uplink
   */
  public record Summary(
      double backlogRecords,
      double backlogBytes,
      double oldestAgeSeconds,
      double droppedRecords,
      double rejectedRecords,
      Map<String, Map<String, Double>> pollErrors,
      Map<String, Double> deadlineMisses,
      Map<String, Double> inflight) {

    /** Poll errors over every device and code. */
    public double pollErrorsTotal() {
      return pollErrors.values().stream()
          .flatMap(m -> m.values().stream())
          .mapToDouble(Double::doubleValue)
          .sum();
    }
  }

  private GatewayMetricsText() {}

  /** Reads {@code text}, a Prometheus text exposition. */
  public static Summary summarize(String text) {
    double[] scalars = new double[5];
    Map<String, Map<String, Double>> pollErrors = new TreeMap<>();
    Map<String, Double> misses = new TreeMap<>();
    Map<String, Double> inflight = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      Sample s = Sample.parse(line.strip());
      if (s == null) {
        continue;
      }
      switch (s.name) {
        case BACKLOG_RECORDS -> scalars[0] += s.value;
        case BACKLOG_BYTES -> scalars[1] += s.value;
        case OLDEST_AGE -> scalars[2] = Math.max(scalars[2], s.value);
        case DROPPED -> scalars[3] += s.value;
        case REJECTED -> scalars[4] += s.value;
        case POLL_ERRORS ->
            pollErrors
                .computeIfAbsent(s.labels.getOrDefault("device", "?"), k -> new TreeMap<>())
                .merge(s.labels.getOrDefault("code", "?"), s.value, Double::sum);
        case DEADLINE_MISSES ->
            misses.merge(s.labels.getOrDefault("device", "?"), s.value, Double::sum);
        case INFLIGHT -> inflight.merge(s.labels.getOrDefault("uplink", "?"), s.value, Double::sum);
        default -> {}
      }
    }
    return new Summary(
        scalars[0], scalars[1], scalars[2], scalars[3], scalars[4], pollErrors, misses, inflight);
  }

  private record Sample(String name, Map<String, String> labels, double value) {
    static Sample parse(String line) {
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      if (space < 0) {
        return null;
      }
      String name;
      Map<String, String> labels = new LinkedHashMap<>();
      String rest;
      if (brace >= 0 && brace < space) {
        int close = line.indexOf('}', brace);
        if (close < 0) {
          return null;
        }
        name = line.substring(0, brace);
        parseLabels(line.substring(brace + 1, close), labels);
        rest = line.substring(close + 1).strip();
      } else {
        name = line.substring(0, space);
        rest = line.substring(space + 1).strip();
      }
      int end = rest.indexOf(' ');
      String number = end < 0 ? rest : rest.substring(0, end);
      try {
        double value = Double.parseDouble(number);
        return Double.isFinite(value) ? new Sample(name, labels, value) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static void parseLabels(String text, Map<String, String> labels) {
      int i = 0;
      while (i < text.length()) {
        int eq = text.indexOf('=', i);
        if (eq < 0 || eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
          return;
        }
        String key = text.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        while (j < text.length() && text.charAt(j) != '"') {
          char c = text.charAt(j);
          if (c == '\\' && j + 1 < text.length()) {
            char n = text.charAt(++j);
            value.append(n == 'n' ? '\n' : n);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (i < text.length() && text.charAt(i) == ',') {
          i++;
        }
      }
    }
  }
}
