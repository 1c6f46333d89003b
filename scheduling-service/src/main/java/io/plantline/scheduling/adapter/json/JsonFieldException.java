package io.plantline.scheduling.adapter.json;

/**
 * A JSON value is missing or malformed; {@link #field()} is its path
 * ("jobs[2].operations[0].duration").
 */
public final class JsonFieldException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /** The field's path and what is wrong with it. */
  public JsonFieldException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /** The path of the offending field. */
  public String field() {
    return field;
  }
}
