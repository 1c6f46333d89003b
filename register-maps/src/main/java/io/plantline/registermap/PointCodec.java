package io.plantline.registermap;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Converts between engineering values and raw registers: {@code raw = (engineering - offset) /
 * scale} and {@code engineering = raw * scale + offset}. Integer types round half away from zero.
 *
 * <p>Registers are {@code short}s holding the 16 bits as on the wire (read them with {@code &
 * 0xFFFF}). A BOOL point is one element, 0 or 1. Every method throws {@link
 * IllegalArgumentException} naming the point when the value or the register count does not fit it.
 */
public final class PointCodec {

  private PointCodec() {}

  /** Encodes in the point's own order; rejects values that do not fit (see below). */
  public static short[] encode(PointDefinition point, double engineering) {
    return encode(point, engineering, point.order());
  }

  /**
   * Encodes in an explicit order, e.g. to simulate a device configured with the wrong one.
   *
   * @throws IllegalArgumentException naming the point, if the value is not finite for an integer
   *     type or BOOL, if the raw value is outside the type's range, or if the point is a STRING
   */
  public static short[] encode(PointDefinition point, double engineering, ByteWordOrder order) {
    Objects.requireNonNull(order, "order");
    if (point.type() == DataType.BOOL) {
      if (Double.isNaN(engineering)) {
        throw fail(point, "NaN is not a bit value");
      }
      return bit(toBit(engineering));
    }
    return toRegisters(point, engineering, order, false);
  }

  /**
   * Encodes like a real device: values beyond the type's range saturate to its minimum or maximum
   * (±MAX_VALUE for floats); NaN becomes the NaN bit pattern for float types and the "not
   * available" sentinel (the type's maximum: 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF,
   * Long.MAX_VALUE) for integer types. A BOOL NaN becomes 0.
   */
  public static short[] encodeClamped(PointDefinition point, double engineering) {
    if (point.type() == DataType.BOOL) {
      return bit(!Double.isNaN(engineering) && toBit(engineering));
    }
    return toRegisters(point, engineering, point.order(), true);
  }

  private static short[] toRegisters(
      PointDefinition point, double engineering, ByteWordOrder order, boolean clamp) {
    requireNumber(point);
    byte[] bytes =
        point.type().isFloat()
            ? RawValues.floatBytes(point, engineering, clamp)
            : RawValues.integerBytes(point, engineering, clamp);
    return Registers.fromBytes(bytes, order.swapsWords(), order.swapsBytes());
  }

  /**
   * Decodes the point's registers, in the point's order, into its engineering value. BOOL gives 1
   * for any non-zero element and 0 otherwise. INT64 values beyond 2^53 lose precision in the
   * double.
   *
   * @param registers exactly {@link PointDefinition#registerCount()} elements
   */
  public static double decode(PointDefinition point, short[] registers) {
    requireLength(point, registers);
    if (point.type() == DataType.BOOL) {
      return registers[0] != 0 ? 1.0 : 0.0;
    }
    requireNumber(point);
    ByteWordOrder order = point.order();
    byte[] bytes = Registers.toBytes(registers, order.swapsWords(), order.swapsBytes());
    return RawValues.engineering(point, bytes);
  }

  /**
   * Encodes a STRING point: US-ASCII, two characters per register (first in the high byte, bytes
   * swapped for BADC and DCBA), padded with NUL to stringLength.
   *
   * @throws IllegalArgumentException if the text is longer than stringLength or not US-ASCII
   */
  public static short[] encodeString(PointDefinition point, String text) {
    requireString(point);
    Objects.requireNonNull(text, "text");
    if (text.length() > point.stringLength()) {
      throw fail(
          point,
          "text of "
              + text.length()
              + " characters is longer than stringLength "
              + point.stringLength());
    }
    byte[] bytes = new byte[point.registerCount() * 2];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7F) {
        throw fail(point, "character '" + c + "' at index " + i + " is not US-ASCII");
      }
      bytes[i] = (byte) c;
    }
    return Registers.fromBytes(bytes, false, point.order().swapsBytes());
  }

  /**
   * Decodes a STRING point: the first stringLength bytes, trailing NULs and spaces trimmed. Bytes
   * above 0x7F, which a device should not send, are read as ISO-8859-1 so that nothing is lost.
   */
  public static String decodeString(PointDefinition point, short[] registers) {
    requireString(point);
    requireLength(point, registers);
    byte[] bytes = Registers.toBytes(registers, false, point.order().swapsBytes());
    int end = point.stringLength();
    while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == ' ')) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
  }

  /**
   * The bit for a BOOL engineering value: non-zero is true.
   *
   * @throws IllegalArgumentException for NaN, which is neither
   */
  public static boolean toBit(double engineering) {
    if (Double.isNaN(engineering)) {
      throw new IllegalArgumentException("NaN is not a bit value");
    }
    return engineering != 0.0;
  }

  static IllegalArgumentException fail(PointDefinition point, String problem) {
    return new IllegalArgumentException("point '" + point.name() + "': " + problem);
  }

  private static short[] bit(boolean value) {
    return new short[] {(short) (value ? 1 : 0)};
  }

  private static void requireNumber(PointDefinition point) {
    if (point.type() == DataType.STRING) {
      throw fail(point, "is a string point; use encodeString/decodeString");
    }
  }

  private static void requireString(PointDefinition point) {
    if (point.type() != DataType.STRING) {
      throw fail(point, "is a " + point.type().yamlName() + " point, not a string");
    }
  }

  private static void requireLength(PointDefinition point, short[] registers) {
    Objects.requireNonNull(registers, "registers");
    if (registers.length != point.registerCount()) {
      throw fail(
          point,
          "expected "
              + point.registerCount()
              + " registers for "
              + point.type().yamlName()
              + ", got "
              + registers.length);
    }
  }
}
