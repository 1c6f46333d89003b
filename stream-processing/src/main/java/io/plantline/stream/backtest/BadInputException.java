package io.plantline.stream.backtest;

/** The input cannot be backtested: an empty series, or a bad row when bad rows stop the run. */
public final class BadInputException extends RuntimeException {
  /** A message that names the input and, for a row, its line and row number. */
  public BadInputException(String message) {
    super(message);
  }
}
