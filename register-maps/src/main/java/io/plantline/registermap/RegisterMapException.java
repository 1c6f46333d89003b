package io.plantline.registermap;

import java.util.Objects;

/**
 * A register map that cannot be used. The message is {@code "<source>: <keyPath>: <problem>"}, e.g.
 * {@code "motor-spindle.yaml: points[3].address: hr:0-1 overlaps point 'speed_rpm' at hr:0-1"}; the
 * key path is {@code $} when the problem concerns the whole document.
 */
public final class RegisterMapException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String keyPath;
  private final String problem;

  /**
   * @param source the file or resource name
   * @param keyPath where in the document, e.g. {@code points[3].address}, or {@code $}
   * @param problem what is wrong
   */
  public RegisterMapException(String source, String keyPath, String problem) {
    this(source, keyPath, problem, null);
  }

  /** Like {@link #RegisterMapException(String, String, String)}, with the underlying cause. */
  public RegisterMapException(String source, String keyPath, String problem, Throwable cause) {
    super(source + ": " + keyPath + ": " + problem, cause);
    this.source = Objects.requireNonNull(source, "source");
    this.keyPath = Objects.requireNonNull(keyPath, "keyPath");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The file or resource the map came from. */
  public String source() {
    return source;
  }

  /** Where in the document the problem is, e.g. {@code points[3].address}; {@code $} for all. */
  public String keyPath() {
    return keyPath;
  }

  /** What is wrong, without source and key path. */
  public String problem() {
    return problem;
  }
}
