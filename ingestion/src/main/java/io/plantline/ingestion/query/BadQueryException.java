package io.plantline.ingestion.query;

/**
 * A query parameter is missing or wrong; the API answers 400 with {@link #parameter()} and {@link
 * #reason()} in a JSON body.
 */
public final class BadQueryException extends IllegalArgumentException {
  private final String parameter;
  private final String reason;

  /** {@code parameter} is the query parameter's name, {@code reason} a short explanation. */
  public BadQueryException(String parameter, String reason) {
    super(parameter + ": " + reason);
    this.parameter = parameter;
    this.reason = reason;
  }

  /** Name of the offending parameter. */
  public String parameter() {
    return parameter;
  }

  /** Why it was refused. */
  public String reason() {
    return reason;
  }
}
