package io.plantline.ingestion.app;

/**
 * A command-line option has a wrong value. {@link IngestionMain} prints it as one line, {@code
 * plantline ingest <command>: --option: what is wrong}, and exits with status 2.
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
}
