package io.plantline.stream.backtest;

/**
 * One row of a backtest's input as read: the text of its two fields, and their values if they
 * parsed and the row may be evaluated.
 *
 * @param row the row's number among the data rows, from 1 (the header is not a data row)
 * @param line the row's line in the input, from 1 (the header is line 1)
 * @param timestamp the timestamp field as written
 * @param value the value field as written
 * @param time the timestamp in epoch milliseconds, or {@link #NO_TIME} if it did not parse
 * @param number the value, NaN if it did not parse
 * @param problem why the row cannot be evaluated, or null for a good row
 */
public record InputRow(
    long row, long line, String timestamp, String value, long time, double number, String problem) {

  /** {@link #time} of a row whose timestamp did not parse. */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** Whether the row is evaluated. */
  public boolean good() {
    return problem == null;
  }

  /** Whether the timestamp parsed (a bad row may still have one, e.g. a step back in time). */
  public boolean hasTime() {
    return time != NO_TIME;
  }

  /** Where the row is and what is wrong with it, e.g. {@code line 17 (row 16): ...}. */
  public String describeProblem() {
    return "line " + line + " (row " + row + "): " + problem;
  }
}
