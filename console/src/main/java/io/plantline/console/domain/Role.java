package io.plantline.console.domain;

import java.util.Arrays;
import java.util.Locale;

/**
 * A console user's role. Each role is scoped to the user's sites; what each may do is in {@link
 * AccessPolicy}.
 */
public enum Role {
  /** Reads everything of its sites. */
  VIEWER,
  /** A viewer that also acknowledges and shelves alarms. */
  OPERATOR,
  /** A viewer that also works on work orders: assign, start, complete, comment. */
  MAINTENANCE,
  /** Everything, including opening, cancelling, planning and verifying work orders. */
  ADMIN;

  /** The name on the wire and in the users file: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named {@code text} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted roles
   */
  public static Role parse(String text) {
    if (text != null) {
      for (Role role : values()) {
        if (role.wireName().equalsIgnoreCase(text.strip())) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown role '"
            + text
            + "', expected one of "
            + Arrays.stream(values()).map(Role::wireName).toList());
  }
}
