package io.plantline.service.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads a secret from a file (its only content; trailing line breaks dropped) or from an
 * environment variable named by an option: secrets never stand on the command line.
 */
public final class Secrets {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final UnaryOperator<String> environment;

  /**
   * @param environment looks up environment variables, {@code System::getenv} in production
   */
  public Secrets(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /**
   * The secret from {@code file} if given, else from the variable named {@code envName} if that is
   * given, else empty.
   *
   * @throws OptionException naming the option when both are given, the file is unreadable or empty,
   *     or the variable is unset or empty
   */
  public Optional<String> optional(String fileOption, Path file, String envOption, String envName) {
    boolean hasFile = file != null && !file.toString().isBlank();
    boolean hasEnv = envName != null && !envName.isBlank();
    if (hasFile && hasEnv) {
      throw new OptionException(fileOption, "give either " + fileOption + " or " + envOption);
    }
    if (hasFile) {
      return Optional.of(fromFile(fileOption, file));
    }
    return hasEnv ? Optional.of(fromEnv(fileOption, envOption, envName)) : Optional.empty();
  }

  private static String fromFile(String option, Path path) {
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OptionException(
          option, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    String secret = content.replaceAll("[\r\n]+$", "");
    if (secret.isEmpty()) {
      throw new OptionException(option, "the file " + path + " is empty");
    }
    return secret;
  }

  private String fromEnv(String fileOption, String envOption, String name) {
    if (!ENV_NAME.matcher(name).matches()) {
      throw new OptionException(envOption, "must be an environment variable name, was " + name);
    }
    String value = environment.apply(name);
    if (value == null || value.isEmpty()) {
      throw new OptionException(
          envOption,
          "environment variable " + name + " is not set or empty (or use " + fileOption + ")");
    }
    return value;
  }
}
