package io.plantline.ingestion.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Reads a secret from a file or from a named environment variable, never from the command line. */
public final class Secrets {
  private Secrets() {}

  /**
   * The secret from {@code file} (trailing newline stripped) or from the environment variable named
   * {@code envName}; empty when neither is given.
   *
   * @param fileOption name of the file option, for messages
   * @param envOption name of the environment-variable option, for messages
   * @throws ConfigException naming the option if both are given, the file cannot be read or is
   *     empty, or the variable is unset or empty
   */
  public static Optional<String> read(
      String fileOption, Path file, String envOption, String envName, Map<String, String> env) {
    boolean hasFile = file != null && !file.toString().isBlank();
    boolean hasEnv = envName != null && !envName.isBlank();
    if (hasFile && hasEnv) {
      throw new ConfigException(fileOption, "give either " + fileOption + " or " + envOption);
    }
    if (hasFile) {
      try {
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
          throw new ConfigException(fileOption, "file " + file + " is empty");
        }
        return Optional.of(secret);
      } catch (IOException e) {
        throw new ConfigException(fileOption, "cannot read " + file + ": " + e.getMessage());
      }
    }
    if (hasEnv) {
      String secret = env.get(envName);
      if (secret == null || secret.isBlank()) {
        throw new ConfigException(envOption, "environment variable " + envName + " is not set");
      }
      return Optional.of(secret.strip());
    }
    return Optional.empty();
  }
}
