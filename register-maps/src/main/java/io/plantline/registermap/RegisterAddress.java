package io.plantline.registermap;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 0-based protocol address in one {@link RegisterTable}; the offset is 0..65535.
 *
 * <p>{@link #parse(String)} accepts the explicit 0-based notation ({@code hr:0}) and the Modicon
 * 1-based notation ({@code 40001}, or 6-digit {@code 400001}); {@link #toString()} and {@link
 * #modicon()} render them.
 *
 * @param table the data table
 * @param offset the 0-based offset on the wire, 0..65535
 */
public record RegisterAddress(RegisterTable table, int offset) {

  /** The highest offset of every table. */
  static final int MAX_OFFSET = 65535;

  private static final Pattern PREFIXED = Pattern.compile("([A-Za-z]+):(\\d{1,5})");
  private static final Pattern MODICON = Pattern.compile("([0134])(\\d{4,5})");
  private static final Map<String, RegisterTable> PREFIXES =
      Map.of(
          "hr", RegisterTable.HOLDING_REGISTER,
          "holding", RegisterTable.HOLDING_REGISTER,
          "ir", RegisterTable.INPUT_REGISTER,
          "input", RegisterTable.INPUT_REGISTER,
          "coil", RegisterTable.COIL,
          "di", RegisterTable.DISCRETE_INPUT);
  private static final String NOTATIONS =
      "use 0-based hr:N, holding:N, ir:N, input:N, coil:N or di:N with N in 0..65535, or Modicon"
          + " 1-based 0xxxx (coil), 1xxxx (di), 3xxxx (ir), 4xxxx (hr) with xxxx in 0001..9999,"
          + " or 6-digit 000001..065536, 100001..165536, 300001..365536, 400001..465536";

  /** Validates the table and the offset range. */
  public RegisterAddress {
    Objects.requireNonNull(table, "table");
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException(
          "offset " + offset + " is outside 0.." + MAX_OFFSET + " in table " + table);
    }
  }

  /**
   * Parses {@code "hr:0"}, {@code "holding:0"}, {@code "ir:12"}, {@code "input:12"}, {@code
   * "coil:3"}, {@code "di:7"} (explicit 0-based; prefixes are case-insensitive) and the Modicon
   * 1-based notation: 5 digits {@code 0xxxx} coil, {@code 1xxxx} discrete input, {@code 3xxxx}
   * input register, {@code 4xxxx} holding register with xxxx 1..9999 and offset = xxxx - 1, or 6
   * digits ({@code 400001}..{@code 465536}).
   *
   * @throws IllegalArgumentException for anything else, explaining the accepted notations
   */
  public static RegisterAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      throw rejected(text, "it is empty");
    }
    Matcher prefixed = PREFIXED.matcher(text);
    if (prefixed.matches()) {
      RegisterTable table = PREFIXES.get(prefixed.group(1).toLowerCase(Locale.ROOT));
      if (table == null) {
        throw rejected(text, "unknown table prefix '" + prefixed.group(1) + "'");
      }
      int offset = Integer.parseInt(prefixed.group(2));
      if (offset > MAX_OFFSET) {
        throw rejected(text, "offset " + offset + " is above " + MAX_OFFSET);
      }
      return new RegisterAddress(table, offset);
    }
    Matcher modicon = MODICON.matcher(text);
    if (modicon.matches()) {
      return fromModicon(text, modicon.group(1).charAt(0), modicon.group(2));
    }
    throw rejected(text, "it matches neither notation");
  }

  private static RegisterAddress fromModicon(String text, char tableDigit, String digits) {
    int number = Integer.parseInt(digits);
    int max = digits.length() == 4 ? 9999 : MAX_OFFSET + 1;
    if (number < 1 || number > max) {
      throw rejected(
          text, "Modicon numbers are 1-based, " + digits.length() + " digits run 1.." + max);
    }
    RegisterTable table =
        switch (tableDigit) {
          case '0' -> RegisterTable.COIL;
          case '1' -> RegisterTable.DISCRETE_INPUT;
          case '3' -> RegisterTable.INPUT_REGISTER;
          default -> RegisterTable.HOLDING_REGISTER;
        };
    return new RegisterAddress(table, number - 1);
  }

  private static IllegalArgumentException rejected(String text, String reason) {
    String shown = text == null ? "null" : "'" + text + "'";
    return new IllegalArgumentException(
        shown + " is not a register address (" + reason + "); " + NOTATIONS);
  }

  /** The canonical 0-based form, e.g. {@code hr:0}, {@code ir:12}, {@code coil:3}, {@code di:7}. */
  @Override
  public String toString() {
    return table.prefix() + ":" + offset;
  }

  /**
   * The Modicon 1-based form: 5 digits ({@code 40001}) while offset + 1 fits in 4 digits, otherwise
   * 6 digits ({@code 410000} for offset 9999).
   */
  public String modicon() {
    int number = offset + 1;
    return offset < 9999
        ? String.format(Locale.ROOT, "%d%04d", table.modiconDigit(), number)
        : String.format(Locale.ROOT, "%d%05d", table.modiconDigit(), number);
  }
}
