package io.plantline.gateway.app.config;

import java.util.Objects;

/**
 * A configuration that cannot be used. The message is one line, {@code "<source>: <keyPath>:
 * <problem>"}, e.g. {@code "gateway.yaml: devices[3].timeout: must be a duration between 50ms and
 * 60s, was 0s"}; the key path is {@code $} when the problem concerns the whole file.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String keyPath;
  private final String problem;

  /**
   * @param source the file the configuration came from
   * @param keyPath where in the file, e.g. {@code devices[3].timeout}, or {@code $}
   * @param problem what is wrong
   */
  public ConfigException(String source, String keyPath, String problem) {
    this(source, keyPath, problem, null);
  }

  /** Like {@link #ConfigException(String, String, String)}, keeping the underlying cause. */
  public ConfigException(String source, String keyPath, String problem, Throwable cause) {
    super(source + ": " + keyPath + ": " + problem, cause);
    this.source = Objects.requireNonNull(source, "source");
    this.keyPath = Objects.requireNonNull(keyPath, "keyPath");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The file the configuration came from. */
  public String source() {
    return source;
  }

  /** Where in the file the problem is, e.g. {@code devices[3].timeout}; {@code $} for all. */
  public String keyPath() {
    return keyPath;
  }

  /** What is wrong, without source and key path. */
  public String problem() {
    return problem;
  }
}
