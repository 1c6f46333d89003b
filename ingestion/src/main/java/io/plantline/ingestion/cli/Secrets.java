package io.plantline.ingestion.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads a password from a file (its only content; trailing line breaks dropped) or from an
 * environment variable named by an option: passwords never stand on the command line.
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
   * The secret from {@code file} if given, else from the variable named {@code envName}, else
   * empty.
   *
   * @throws OptionException naming the option when both are given, the file is unreadable or empty,
   *     or the variable unset or empty
   */
  public Optional<String> optional(String fileOption, Path file, String envOption, String envName) {
    boolean hasFile = file != null && !file.toString().isBlank();
    boolean hasEnv = envName != null && !envName.isBlank();
    if (hasFile && hasEnv) {
      throw new OptionException(fileOption, "give either " + fileOption + " or " + envOption);
    }
    if (!hasFile && !hasEnv) {
      return Optional.empty();
    }
    return Optional.of(
        password(fileOption, Optional.ofNullable(file), envOption, Optional.ofNullable(envName)));
  }

  /**
   * The password from {@code file} if given, else from the variable named {@code envName}.
   *
   * @param fileOption the file option's name, for messages
   * @param envOption the variable-name option's name, for messages
   * @throws OptionException naming the option when the file is unreadable or empty, or the variable
   *     unset or empty
   */
  public String password(
      String fileOption, Optional<Path> file, String envOption, Optional<String> envName) {
    if (file.isPresent()) {
      Path path = file.get();
      String content;
      try {
        content = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new OptionException(
            fileOption, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
      }
      String password = content.replaceAll("[\r\n]+$", "");
      if (password.isEmpty()) {
        throw new OptionException(fileOption, "the file " + path + " is empty");
      }
      return password;
    }
    String name =
        envName
            .filter(n -> !n.isBlank())
            .orElseThrow(() -> new OptionException(fileOption, "missing; set it or " + envOption));
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
