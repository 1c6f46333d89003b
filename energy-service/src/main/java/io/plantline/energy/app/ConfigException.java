package io.plantline.energy.app;

/**
 * A site file is wrong; the message starts with the path of the field, e.g. {@code
 * sites[0].tariff.currency}.
 */
public final class ConfigException extends IllegalArgumentException {
  private final String field;

  ConfigException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The path of the wrong field. */
  public String field() {
    return field;
  }
}
