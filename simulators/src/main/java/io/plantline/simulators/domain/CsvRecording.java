package io.plantline.simulators.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded time series of {@code timestamp,value} rows, held as seconds since the first row.
 *
 * <p>Timestamps are {@code yyyy-MM-dd HH:mm[:ss[.fff]]} or ISO-8601 with or without an offset;
 * those without one are taken as UTC. A first line that does not parse is a header. Blank lines are
 * skipped; anything else that does not parse or a non-finite value is rejected with the file and
 * the line number.
 *
 * <p>Rows replay in file order. Real recordings sometimes set their clock back (a repeated hour
 * after a clock correction or a DST change): a row stamped earlier than its predecessor follows it
 * after the previous row interval, so no row is lost or reordered.
 */
final class CsvRecording {

  private final double[] offsetsSeconds;
  private final double[] values;

  private CsvRecording(double[] offsetsSeconds, double[] values) {
    this.offsetsSeconds = offsetsSeconds;
    this.values = values;
  }

  /** Reads and validates {@code file}. */
  static CsvRecording read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("csv-replay cannot read file " + file + ": " + e, e);
    }
    return parse(file.toString(), lines);
  }

  /** Parses the lines of {@code source}; the name appears in error messages. */
  static CsvRecording parse(String source, List<String> lines) {
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = i == 0 ? lines.get(0).replace("\uFEFF", "") : lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      Instant time = fields.length == 2 ? timestamp(fields[0].trim()) : null;
      if (time == null && i == 0) {
        continue;
      }
      String where = "csv-replay file " + source + " line " + (i + 1) + ": ";
      if (time == null) {
        throw new IllegalArgumentException(
            where
                + "expected 'timestamp,value' with an ISO-8601 or 'yyyy-MM-dd HH:mm:ss' "
                + "timestamp, was '"
                + line
                + "'");
      }
      times.add(time);
      values.add(value(fields[1].trim(), where));
    }
    if (times.isEmpty()) {
      throw new IllegalArgumentException("csv-replay file " + source + " has no data rows");
    }
    return new CsvRecording(
        offsets(times), values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  int size() {
    return values.length;
  }

  double value(int index) {
    return values[index];
  }

  double offsetSeconds(int index) {
    return offsetsSeconds[index];
  }

  /**
   * Length of one pass when looping, s: first to last row plus the last row's interval, so the last
   * row holds as long as the one before it; 0 for a single instant.
   */
  double periodSeconds() {
    int last = values.length - 1;
    return last == 0 ? 0 : 2 * offsetsSeconds[last] - offsetsSeconds[last - 1];
  }

  /** The last row at or before {@code seconds} into the recording (the first row before it). */
  int indexAt(double seconds) {
    int low = 0;
    int high = offsetsSeconds.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (offsetsSeconds[mid] <= seconds) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private static double[] offsets(List<Instant> times) {
    double[] offsets = new double[times.size()];
    double lastInterval = 0;
    for (int i = 1; i < offsets.length; i++) {
      Instant previous = times.get(i - 1);
      Instant t = times.get(i);
      double interval =
          (t.getEpochSecond() - previous.getEpochSecond())
              + (t.getNano() - previous.getNano()) / 1e9;
      if (interval < 0) {
        interval = lastInterval;
      }
      offsets[i] = offsets[i - 1] + interval;
      lastInterval = interval;
    }
    return offsets;
  }

  private static double value(String text, String where) {
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(where + "value '" + text + "' is not a finite number");
  }

  /** The instant of a timestamp, or null when it does not parse. */
  static Instant timestamp(String text) {
    String iso =
        text.length() > 10 && text.charAt(10) == ' '
            ? text.substring(0, 10) + 'T' + text.substring(11)
            : text;
    try {
      if (iso.endsWith("]")) {
        return ZonedDateTime.parse(iso).toInstant();
      }
      if (hasOffset(iso)) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      LocalDateTime local = iso.length() == 19 ? plainSeconds(iso) : null;
      return (local != null ? local : LocalDateTime.parse(iso)).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean hasOffset(String iso) {
    int time = iso.indexOf('T');
    return time > 0
        && (iso.endsWith("Z") || iso.indexOf('+', time) > 0 || iso.indexOf('-', time) > 0);
  }

  /**
   * Fast path for {@code yyyy-MM-ddTHH:mm:ss}, the format of most recordings; null for anything
   * else, which then goes through the ISO parser.
   */
  private static LocalDateTime plainSeconds(String iso) {
    for (int i = 0; i < 19; i++) {
      char c = iso.charAt(i);
      char expected = "dddd-dd-ddTdd:dd:dd".charAt(i);
      if (expected == 'd' ? c < '0' || c > '9' : c != expected) {
        return null;
      }
    }
    return LocalDateTime.of(
        Integer.parseInt(iso, 0, 4, 10),
        Integer.parseInt(iso, 5, 7, 10),
        Integer.parseInt(iso, 8, 10, 10),
        Integer.parseInt(iso, 11, 13, 10),
        Integer.parseInt(iso, 14, 16, 10),
        Integer.parseInt(iso, 17, 19, 10));
  }
}
