package io.plantline.registermap;

import java.util.Locale;

/**
 * How a point's value is laid out: a bit, a 16/32/64-bit integer, an IEEE-754 float, or an ASCII
 * string of two characters per register.
 */
public enum DataType {
  /** One bit in a coil or discrete input. */
  BOOL(1, 0, 1),
  /** Signed 16-bit integer, one register. */
  INT16(1, Short.MIN_VALUE, Short.MAX_VALUE),
  /** Unsigned 16-bit integer, one register. */
  UINT16(1, 0, 0xFFFF),
  /** Signed 32-bit integer, two registers. */
  INT32(2, Integer.MIN_VALUE, Integer.MAX_VALUE),
  /** Unsigned 32-bit integer, two registers. */
  UINT32(2, 0, 0xFFFF_FFFFL),
  /** Signed 64-bit integer, four registers. */
  INT64(4, Long.MIN_VALUE, Long.MAX_VALUE),
  /** IEEE-754 single precision, two registers. */
  FLOAT32(2, 0, 0),
  /** IEEE-754 double precision, four registers. */
  FLOAT64(4, 0, 0),
  /** US-ASCII text, two characters per register; its length is the point's stringLength. */
  STRING(0, 0, 0);

  private final int registers;
  private final long min;
  private final long max;

  DataType(int registers, long min, long max) {
    this.registers = registers;
    this.min = min;
    this.max = max;
  }

  /**
   * The number of registers (or bits, for {@link #BOOL}) a value occupies: BOOL 1 bit, 16-bit types
   * 1, 32-bit types 2, 64-bit types 4, STRING ceil(stringLength / 2).
   *
   * @param stringLength the string length in characters; used by STRING only, which needs it >= 1
   */
  public int registerCount(int stringLength) {
    if (this != STRING) {
      return registers;
    }
    if (stringLength < 1) {
      throw new IllegalArgumentException("a string needs a length of at least 1: " + stringLength);
    }
    return (stringLength + 1) / 2;
  }

  boolean isInteger() {
    return this == INT16 || this == UINT16 || this == INT32 || this == UINT32 || this == INT64;
  }

  boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** Whether the type carries a number that scale and offset apply to. */
  boolean isScalable() {
    return isInteger() || isFloat();
  }

  /** The smallest raw value of an integer type. */
  long min() {
    return min;
  }

  /** The largest raw value of an integer type; also its "not available" sentinel. */
  long max() {
    return max;
  }

  /** The lower-case name used in YAML and in messages, e.g. {@code float32}. */
  String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
