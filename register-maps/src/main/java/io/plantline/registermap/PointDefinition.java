package io.plantline.registermap;

import java.util.Objects;
import java.util.Optional;

/**
 * One named value of a device: where it lives, how it is encoded and how raw values scale to
 * engineering units ({@code engineering = raw * scale + offset}).
 *
 * <p>The constructor enforces the per-point rules of a register map (see the module README) and
 * throws {@link IllegalArgumentException} naming the point; {@link RegisterMaps} reports the same
 * rules with file and key path instead.
 *
 * @param name unique within the map, {@code [a-z][a-z0-9_]{0,63}}
 * @param address the first register (or bit)
 * @param type the data type; BOOL only in bit tables, every other type only in register tables
 * @param order the byte/word order (ignored for BOOL)
 * @param scale finite, non-zero multiplier; 1 for BOOL and STRING
 * @param offset finite addend; 0 for BOOL and STRING
 * @param unit engineering unit, may be empty (null becomes empty)
 * @param access READ_WRITE only in coils and holding registers
 * @param pollClass the name of one of the map's poll classes
 * @param stringLength characters of a STRING (1..246); 0 for every other type
 * @param description free text, may be empty (null becomes empty)
 * @param writeMin the smallest value a write may set, in engineering units; {@code -Infinity} for
 *     none. Only READ_WRITE numeric points have limits.
 * @param writeMax the largest value a write may set; {@code +Infinity} for none
 */
public record PointDefinition(
    String name,
    RegisterAddress address,
    DataType type,
    ByteWordOrder order,
    double scale,
    double offset,
    String unit,
    Access access,
    String pollClass,
    int stringLength,
    String description,
    double writeMin,
    double writeMax) {

  /** Validates the point on its own; rules across points are checked by {@link RegisterMap}. */
  public PointDefinition {
    Objects.requireNonNull(name, "name");
    String subject = "point '" + name + "'";
    Objects.requireNonNull(address, subject + ": address");
    Objects.requireNonNull(type, subject + ": type");
    Objects.requireNonNull(order, subject + ": order");
    Objects.requireNonNull(access, subject + ": access");
    Objects.requireNonNull(pollClass, subject + ": pollClass");
    unit = unit == null ? "" : unit;
    description = description == null ? "" : description;
    Rules.require(Rules.name("point", name), subject);
    Rules.require(Rules.placement(type, address), subject);
    Rules.require(Rules.access(access, address), subject);
    Rules.require(Rules.stringLength(type, stringLength), subject);
    Rules.require(Rules.scale(type, scale), subject);
    Rules.require(Rules.offset(type, offset), subject);
    Rules.require(Rules.extent(address, type.registerCount(stringLength)), subject);
    Rules.require(Rules.name("poll class", pollClass), subject);
    Rules.require(Rules.writeLimits(type, access, writeMin, writeMax), subject);
  }

  /** A point without write limits. */
  public PointDefinition(
      String name,
      RegisterAddress address,
      DataType type,
      ByteWordOrder order,
      double scale,
      double offset,
      String unit,
      Access access,
      String pollClass,
      int stringLength,
      String description) {
    this(
        name,
        address,
        type,
        order,
        scale,
        offset,
        unit,
        access,
        pollClass,
        stringLength,
        description,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY);
  }

  /**
   * Why {@code value} may not be written to this point, if it may not: the point is read-only, the
   * value is not finite, a bool other than 0 or 1, or outside {@code [writeMin, writeMax]}. The
   * type's own raw range is checked when the value is encoded ({@link PointCodec#encode}).
   */
  public Optional<String> writeViolation(double value) {
    String shown = name + " = " + value + (unit.isEmpty() ? "" : " " + unit);
    if (access != Access.READ_WRITE) {
      return Optional.of(name + " is read-only");
    }
    if (!Double.isFinite(value)) {
      return Optional.of(shown + ": not a finite number");
    }
    if (type == DataType.BOOL && value != 0.0 && value != 1.0) {
      return Optional.of(shown + ": a bool point takes 0 or 1");
    }
    if (value < writeMin) {
      return Optional.of(shown + " is below its minimum " + writeMin);
    }
    if (value > writeMax) {
      return Optional.of(shown + " is above its maximum " + writeMax);
    }
    return Optional.empty();
  }

  /** Registers (or bits, for BOOL) the point occupies, see {@link DataType#registerCount(int)}. */
  public int registerCount() {
    return type.registerCount(stringLength);
  }

  /**
   * Whether the two points share a register (or bit): same table and intersecting ranges {@code
   * [address.offset, address.offset + registerCount)}.
   */
  public boolean overlaps(PointDefinition other) {
    if (address.table() != other.address.table()) {
      return false;
    }
    int start = address.offset();
    int otherStart = other.address.offset();
    return start < otherStart + other.registerCount() && otherStart < start + registerCount();
  }
}
