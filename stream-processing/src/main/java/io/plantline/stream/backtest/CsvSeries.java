package io.plantline.stream.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a single-metric CSV of {@code timestamp,value} rows (NAB's data-file format): an optional
 * header line whose first field is {@code timestamp}, then one row per line. Blank lines are
 * skipped; fields may be double-quoted (as QuestDB's CSV export writes them); a row with other than
 * two fields is a bad row.
 */
public final class CsvSeries {
  private CsvSeries() {}

  /** Reads a file; the source in messages is its path. */
  public static Series read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads CSV text. */
  public static Series parse(String text, String source) {
    try {
      return read(new BufferedReader(new StringReader(text)), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads CSV lines from {@code in}; {@code source} names it in messages. */
  public static Series read(BufferedReader in, String source) throws IOException {
    Series.Builder rows = new Series.Builder(source);
    long line = 0;
    boolean first = true;
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      line++;
      if (first && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        continue;
      }
      String[] fields = text.split(",", -1);
      if (first) {
        first = false;
        if (unquote(fields[0]).strip().toLowerCase(Locale.ROOT).equals("timestamp")) {
          continue;
        }
      }
      if (fields.length != 2) {
        rows.addMalformed(
            line, text, "expected 2 fields (timestamp,value), found " + fields.length);
        continue;
      }
      rows.add(line, unquote(fields[0]), unquote(fields[1]));
    }
    return rows.build();
  }

  private static String unquote(String field) {
    String f = field.strip();
    return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")
        ? f.substring(1, f.length() - 1)
        : f;
  }
}
