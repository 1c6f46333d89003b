package io.plantline.contracts;

/**
 * A value or payload breaks the Plantline event contract.
 *
 * <p>{@link #field()} is a machine-readable path to the offending value, such as {@code deviceId}
 * or {@code readings[2].value}; {@code $} stands for the payload as a whole. {@link #reason()} is a
 * short, stable explanation such as {@code missing} or {@code not finite}. Record constructors,
 * codecs and the MQTT topic parser all throw this one type, so a consumer can route any rejection
 * to a dead-letter topic with the same two attributes.
 */
public final class ContractViolationException extends IllegalArgumentException {

  /** The path that denotes the whole payload rather than one field. */
  public static final String ROOT = "$";

  private final String field;
  private final String reason;

  public ContractViolationException(String field, String reason) {
    this(field, reason, null);
  }

  public ContractViolationException(String field, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  /** Path of the offending value, {@code $} for the whole payload. */
  public String field() {
    return field;
  }

  /** Short explanation of the violation. */
  public String reason() {
    return reason;
  }

  /**
   * Returns this violation with its field placed under {@code parent}, for example {@code value}
   * under {@code readings[2]} becomes {@code readings[2].value}.
   */
  public ContractViolationException under(String parent) {
    if (parent == null || parent.isEmpty()) {
      return this;
    }
    String path;
    if (ROOT.equals(field)) {
      path = parent;
    } else if (field.startsWith("[")) {
      path = parent + field;
    } else {
      path = parent + "." + field;
    }
    ContractViolationException moved = new ContractViolationException(path, reason, getCause());
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
