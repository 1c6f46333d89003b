package io.plantline.gateway.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads passwords, which never stand in the configuration file itself: either {@code passwordFile}
 * (a file holding only the password; trailing line breaks are dropped) or {@code passwordEnv} (the
 * name of an environment variable that must be set and non-empty).
 */
final class Secrets {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Path baseDir;
  private final Function<String, String> env;

  Secrets(Path baseDir, Function<String, String> env) {
    this.baseDir = baseDir;
    this.env = env;
  }

  /** The password of an uplink node from exactly one of passwordFile and passwordEnv. */
  String password(ConfigNode node) {
    boolean file = node.has("passwordFile");
    boolean variable = node.has("passwordEnv");
    if (file && variable) {
      throw node.fail("passwordEnv", "set either passwordFile or passwordEnv, not both");
    }
    if (!file && !variable) {
      throw node.fail("passwordFile", "missing; set passwordFile or passwordEnv");
    }
    return file ? fromFile(node) : fromEnvironment(node);
  }

  private String fromFile(ConfigNode node) {
    Path path = baseDir.resolve(node.requiredText("passwordFile")).normalize();
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw node.fail(
          "passwordFile", "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    String password = content.replaceAll("[\r\n]+$", "");
    if (password.isEmpty()) {
      throw node.fail("passwordFile", "the file " + path + " is empty");
    }
    return password;
  }

  private String fromEnvironment(ConfigNode node) {
    String name = node.requiredText("passwordEnv");
    if (!ENV_NAME.matcher(name).matches()) {
      throw node.fail("passwordEnv", "must be an environment variable name, was " + name);
    }
    String value = env.apply(name);
    if (value == null || value.isEmpty()) {
      throw node.fail("passwordEnv", "environment variable " + name + " is not set or empty");
    }
    return value;
  }
}
