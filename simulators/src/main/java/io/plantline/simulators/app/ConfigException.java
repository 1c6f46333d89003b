package io.plantline.simulators.app;

/** A plant or scenario file that cannot be used; the message names file, key path and problem. */
public final class ConfigException extends RuntimeException {
  private final String source;
  private final String keyPath;

  public ConfigException(String source, String keyPath, String problem) {
    super(source + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + problem);
    this.source = source;
    this.keyPath = keyPath;
  }

  public String source() {
    return source;
  }

  public String keyPath() {
    return keyPath;
  }
}
