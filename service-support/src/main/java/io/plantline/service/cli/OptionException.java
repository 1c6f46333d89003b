package io.plantline.service.cli;

import java.util.function.Supplier;

/**
 * A command-line option (or its environment default) has a wrong value; stops start-up with one
 * line, {@code plantline scheduling: --option: what is wrong}, and exit status 2.
 */
public final class OptionException extends IllegalArgumentException {

  private final String option;

  /**
   * @param option the option, for example {@code --http-port}
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

  /** Runs {@code parse}, turning a runtime exception into one naming {@code option}. */
  public static <T> T check(String option, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (OptionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new OptionException(option, String.valueOf(e.getMessage()));
    }
  }
}
