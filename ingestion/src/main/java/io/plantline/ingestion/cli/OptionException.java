package io.plantline.ingestion.cli;

/**
 * A command-line option (or its environment default) has a wrong value; stops start-up. {@link
 * IngestionMain} prints it as one line, {@code plantline ingest <command>: --option: what is
 * wrong}, and exits with status 2.
 */
public final class OptionException extends IllegalArgumentException {

  private final String option;

  /**
   * @param option the option, for example {@code --mqtt-url}
   * @param problem what is wrong with its value
   */
  public OptionException(String option, String problem) {
    super(option + ": " + problem);
    this.option = option;
  }

  /** The option whose value is wrong. */
  public String option() {
    return option;
  }

  /** Runs {@code parse}, turning an {@link IllegalArgumentException} into one naming option. */
  public static <T> T check(String option, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (OptionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new OptionException(option, String.valueOf(e.getMessage()));
    }
  }
}
