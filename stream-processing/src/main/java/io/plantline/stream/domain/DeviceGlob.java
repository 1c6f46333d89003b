package io.plantline.stream.domain;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A device id pattern from the rule file: {@code *} matches any run of characters, {@code ?} one
 * character, everything else itself ({@code motor-*}, {@code spindle-00?}, {@code
 * oven-temperature}).
 *
 * @param glob the pattern as written
 */
public record DeviceGlob(String glob) implements Serializable {

  /** Whether the device id matches the whole pattern. */
  public boolean matches(String deviceId) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return deviceId.matches(regex.toString());
  }
}
