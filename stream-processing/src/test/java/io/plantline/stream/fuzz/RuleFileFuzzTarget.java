package io.plantline.stream.fuzz;

import io.plantline.stream.rules.RuleFileException;
import io.plantline.stream.rules.RuleFiles;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: a rule file as an engineer could get it wrong. It must compile to a rule set or be
 * refused with a {@link RuleFileException} that names where; nothing else may escape.
 */
public final class RuleFileFuzzTarget {
  private RuleFileFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) {
    try {
      RuleFiles.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
    } catch (RuleFileException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new IllegalStateException("a refusal without a reason", e);
      }
    }
  }
}
