package io.plantline.registermap;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Scaling between engineering and raw values, rounding and range checks of the numeric types.
 *
 * <p>Integer types scale in decimal ({@link BigDecimal} of the shortest decimal form of each
 * double), so 230.1 V at scale 0.1 is raw 2301 and back 230.1, and 0.15 at scale 0.1 rounds half
 * away from zero to 2. Float types scale in plain double arithmetic.
 */
final class RawValues {

  private RawValues() {}

  static byte[] integerBytes(PointDefinition point, double engineering, boolean clamp) {
    long raw = clamp ? clampedInteger(point, engineering) : exactInteger(point, engineering);
    return Registers.bigEndian(raw, point.registerCount() * 2);
  }

  private static long exactInteger(PointDefinition point, double engineering) {
    DataType type = point.type();
    if (!Double.isFinite(engineering)) {
      throw PointCodec.fail(
          point, engineering + " is not finite and cannot be encoded as " + type.yamlName());
    }
    BigDecimal raw = rounded(point, engineering);
    if (raw.compareTo(BigDecimal.valueOf(type.min())) < 0
        || raw.compareTo(BigDecimal.valueOf(type.max())) > 0) {
      throw PointCodec.fail(
          point,
          "raw value "
              + raw.toPlainString()
              + " (engineering "
              + engineering
              + ") is outside the "
              + type.yamlName()
              + " range "
              + type.min()
              + ".."
              + type.max());
    }
    return raw.longValueExact();
  }

  private static long clampedInteger(PointDefinition point, double engineering) {
    DataType type = point.type();
    if (Double.isNaN(engineering)) {
      return type.max();
    }
    if (Double.isInfinite(engineering)) {
      return (engineering > 0) == (point.scale() > 0) ? type.max() : type.min();
    }
    BigDecimal raw = rounded(point, engineering);
    if (raw.compareTo(BigDecimal.valueOf(type.min())) < 0) {
      return type.min();
    }
    if (raw.compareTo(BigDecimal.valueOf(type.max())) > 0) {
      return type.max();
    }
    return raw.longValueExact();
  }

  /**
   * {@code (engineering - offset) / scale}, rounded half away from zero. Unscaled values round
   * their exact binary value (so -2^63 stays Long.MIN_VALUE); scaled values use the shortest
   * decimal form of each operand, as written in a map or typed by a user.
   */
  private static BigDecimal rounded(PointDefinition point, double engineering) {
    if (point.scale() == 1.0 && point.offset() == 0.0) {
      return new BigDecimal(engineering).setScale(0, RoundingMode.HALF_UP);
    }
    BigDecimal raw = BigDecimal.valueOf(engineering).subtract(BigDecimal.valueOf(point.offset()));
    return raw.divide(BigDecimal.valueOf(point.scale()), MathContext.DECIMAL128)
        .setScale(0, RoundingMode.HALF_UP);
  }

  static byte[] floatBytes(PointDefinition point, double engineering, boolean clamp) {
    double raw = unscaledFloat(point, engineering);
    boolean finiteInput = Double.isFinite(engineering);
    if (point.type() == DataType.FLOAT32) {
      float value = (float) raw;
      if (finiteInput && Float.isInfinite(value)) {
        if (!clamp) {
          throw outOfRange(point, engineering);
        }
        value = Math.copySign(Float.MAX_VALUE, value);
      }
      return Registers.bigEndian(Float.floatToIntBits(value), 4);
    }
    if (finiteInput && Double.isInfinite(raw)) {
      if (!clamp) {
        throw outOfRange(point, engineering);
      }
      raw = Math.copySign(Double.MAX_VALUE, raw);
    }
    return Registers.bigEndian(Double.doubleToLongBits(raw), 8);
  }

  private static double unscaledFloat(PointDefinition point, double engineering) {
    if (point.scale() == 1.0 && point.offset() == 0.0) {
      return engineering;
    }
    return (engineering - point.offset()) / point.scale();
  }

  private static IllegalArgumentException outOfRange(PointDefinition point, double engineering) {
    return PointCodec.fail(
        point,
        "engineering "
            + engineering
            + " scales to a raw value outside the "
            + point.type().yamlName()
            + " range");
  }

  /** The engineering value of big-endian bytes of a numeric type. */
  static double engineering(PointDefinition point, byte[] bigEndian) {
    long bits = Registers.value(bigEndian);
    return switch (point.type()) {
      case INT16 -> scaled(point, (short) bits);
      case UINT16, UINT32, INT64 -> scaled(point, bits);
      case INT32 -> scaled(point, (int) bits);
      case FLOAT32 -> scaled(point, (double) Float.intBitsToFloat((int) bits));
      case FLOAT64 -> scaled(point, Double.longBitsToDouble(bits));
      default -> throw new IllegalStateException("not numeric: " + point.type());
    };
  }

  private static double scaled(PointDefinition point, long raw) {
    if (point.scale() == 1.0 && point.offset() == 0.0) {
      return raw;
    }
    return BigDecimal.valueOf(raw)
        .multiply(BigDecimal.valueOf(point.scale()))
        .add(BigDecimal.valueOf(point.offset()))
        .doubleValue();
  }

  private static double scaled(PointDefinition point, double raw) {
    if (point.scale() == 1.0 && point.offset() == 0.0) {
      return raw;
    }
    return raw * point.scale() + point.offset();
  }
}
