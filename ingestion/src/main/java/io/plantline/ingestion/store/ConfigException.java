package io.plantline.ingestion.store;

/** A command-line option or its environment default has a wrong value; stops start-up. */
public final class ConfigException extends IllegalArgumentException {
  private final String option;

  /** {@code option} is the option's name, such as {@code --ts-url}. */
  public ConfigException(String option, String reason) {
    super(option + ": " + reason);
    this.option = option;
  }

  /** The option at fault. */
  public String option() {
    return option;
  }

  /** Runs {@code parse}, turning an {@link IllegalArgumentException} into one naming option. */
  public static <T> T check(String option, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException(option, String.valueOf(e.getMessage()));
    }
  }
}
