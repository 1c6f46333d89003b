package io.plantline.testkit.bench;

/** The {@code --name value} arguments of a benchmark's {@code main}. */
public final class BenchArgs {
  private final String[] args;

  public BenchArgs(String[] args) {
    this.args = args.clone();
  }

  /** The text after {@code name}, or {@code fallback}. */
  public String text(String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  /**
   * The integer after {@code name}, or {@code fallback}.
   *
   * @throws IllegalArgumentException naming the argument when it is not an integer
   */
  public int integer(String name, int fallback) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not an integer: " + value);
    }
  }
}
