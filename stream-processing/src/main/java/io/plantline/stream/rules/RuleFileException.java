package io.plantline.stream.rules;

/** A rule file that cannot be used; the message names the source, the key path and the problem. */
public final class RuleFileException extends IllegalArgumentException {
  private final String path;

  /** A problem at {@code path} (e.g. {@code rules[2].for}) of the file {@code source}. */
  public RuleFileException(String source, String path, String problem) {
    super(source + ": " + path + ": " + problem);
    this.path = path;
  }

  /** The key path of the problem, e.g. {@code rules[2].for}. */
  public String path() {
    return path;
  }
}
