package io.plantline.stream.backtest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * One metric of one device as rows of {@code timestamp,value}, from a CSV file or from the
 * time-series store, each row checked: the timestamp must parse and come strictly after the
 * previous good row's, the value must be a finite number. Bad rows stay in the series (the output
 * keeps one row per input row) with the reason.
 *
 * <p>Timestamps: {@code yyyy-MM-dd HH:mm:ss} (NAB's format) or ISO-8601 with {@code T}, optional
 * fraction of a second, optional {@code Z} or offset; without a zone they are UTC.
 *
 * @param source what was read, for messages (a file name, a store query)
 * @param rows every data row in input order
 */
public record Series(String source, List<InputRow> rows) {

  /** Copies the rows. */
  public Series {
    rows = List.copyOf(rows);
  }

  /** The rows that cannot be evaluated. */
  public List<InputRow> badRows() {
    return rows.stream().filter(r -> !r.good()).toList();
  }

  /** The rows that are evaluated. */
  public List<InputRow> goodRows() {
    return rows.stream().filter(InputRow::good).toList();
  }

  /**
   * Checks the series for a backtest.
   *
   * @param stopAtBadRow whether a bad row stops the run
   * @throws BadInputException if there is no good row, or a bad row and {@code stopAtBadRow}
   */
  public Series check(boolean stopAtBadRow) {
    if (rows.isEmpty()) {
      throw new BadInputException(source + ": no data rows (empty input)");
    }
    List<InputRow> bad = badRows();
    if (stopAtBadRow && !bad.isEmpty()) {
      throw new BadInputException(
          source
              + " "
              + bad.get(0).describeProblem()
              + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more bad rows)" : "")
              + "; --on-bad-row skip skips bad rows");
    }
    if (bad.size() == rows.size()) {
      throw new BadInputException(
          source
              + ": none of the "
              + rows.size()
              + " rows is good; first: "
              + bad.get(0).describeProblem());
    }
    return this;
  }

  /** Parses a timestamp; see the class comment for the formats. */
  public static long parseTime(String text) {
    long fast = parseCommonTime(text);
    if (fast != InputRow.NO_TIME) {
      return fast;
    }
    String iso =
        text.length() > 10 && text.charAt(10) == ' '
            ? text.substring(0, 10) + 'T' + text.substring(11)
            : text;
    TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
    if (parsed instanceof OffsetDateTime offset) {
      return offset.toInstant().toEpochMilli();
    }
    return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /**
   * {@code yyyy-MM-dd HH:mm:ss} or with {@code T}, optional fraction, optional {@code Z}: the
   * shapes of NAB files and QuestDB exports, parsed without a formatter (a formatter costs tens of
   * microseconds a row); {@link InputRow#NO_TIME} for anything else.
   */
  private static long parseCommonTime(String t) {
    int n = t.length();
    if (n < 19
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != ' ' && t.charAt(10) != 'T')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return InputRow.NO_TIME;
    }
    int end = t.charAt(n - 1) == 'Z' ? n - 1 : n;
    long millis = 0;
    if (end > 19) {
      if (t.charAt(19) != '.' || end == 20) {
        return InputRow.NO_TIME;
      }
      long scale = 100;
      for (int i = 20; i < end; i++) {
        int d = t.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return InputRow.NO_TIME;
        }
        millis += d * scale;
        scale /= 10;
      }
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return InputRow.NO_TIME;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = t.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Formats an event time as NAB writes timestamps, {@code yyyy-MM-dd HH:mm:ss}, in UTC. */
  public static String formatTime(long time) {
    return NAB_TIME.format(Instant.ofEpochMilli(time));
  }

  private static final DateTimeFormatter NAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Collects and checks rows in input order. */
  public static final class Builder {
    private final String source;
    private final List<InputRow> rows = new ArrayList<>();
    private long previous = InputRow.NO_TIME;
    private String previousText;
    private long previousLine;

    /** Rows of {@code source}. */
    public Builder(String source) {
      this.source = source;
    }

    /** Adds the next data row, found at {@code line} of the input. */
    public Builder add(long line, String timestampText, String valueText) {
      long row = rows.size() + 1L;
      String timestamp = timestampText.strip();
      String value = valueText.strip();
      long time;
      try {
        time = parseTime(timestamp);
      } catch (DateTimeParseException e) {
        return bad(
            row,
            line,
            timestamp,
            value,
            InputRow.NO_TIME,
            "timestamp '" + timestamp + "' is not a date-time (expected e.g. 2014-01-07 02:55:00)");
      }
      double number;
      try {
        number = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return bad(row, line, timestamp, value, time, "value '" + value + "' is not a number");
      }
      if (!Double.isFinite(number)) {
        return bad(row, line, timestamp, value, time, "value '" + value + "' is not finite");
      }
      if (previous != InputRow.NO_TIME && time <= previous) {
        return bad(
            row,
            line,
            timestamp,
            value,
            time,
            "timestamp "
                + timestamp
                + " is not after the previous good row's "
                + previousText
                + " (line "
                + previousLine
                + "): timestamps must increase");
      }
      previous = time;
      previousText = timestamp;
      previousLine = line;
      rows.add(new InputRow(row, line, timestamp, value, time, number, null));
      return this;
    }

    /** Adds a row that could not be split into a timestamp and a value. */
    public Builder addMalformed(long line, String text, String problem) {
      rows.add(
          new InputRow(rows.size() + 1L, line, text, "", InputRow.NO_TIME, Double.NaN, problem));
      return this;
    }

    private Builder bad(
        long row, long line, String timestamp, String value, long time, String problem) {
      rows.add(new InputRow(row, line, timestamp, value, time, Double.NaN, problem));
      return this;
    }

    /** The series read so far. */
    public Series build() {
      return new Series(source, rows);
    }
  }
}
