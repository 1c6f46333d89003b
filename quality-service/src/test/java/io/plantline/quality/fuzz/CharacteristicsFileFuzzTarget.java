package io.plantline.quality.fuzz;

import io.plantline.quality.app.CharacteristicsFile;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: a characteristics file as a quality engineer could get it wrong. It must load or be
 * refused with an {@link IllegalArgumentException} whose message names the field; nothing else may
 * escape.
 */
public final class CharacteristicsFileFuzzTarget {
  private CharacteristicsFileFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) {
    try {
      CharacteristicsFile.parse(new String(input, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new IllegalStateException("a refusal without a reason", e);
      }
    }
  }
}
