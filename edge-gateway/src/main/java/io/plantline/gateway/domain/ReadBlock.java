package io.plantline.gateway.domain;

import io.plantline.registermap.DataType;
import io.plantline.registermap.PointCodec;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterTable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A contiguous read: function by table, offset, quantity, and the points it serves.
 *
 * <p>Built by {@link BlockPlanner}; the constructor checks that every point lies in the table and
 * entirely inside {@code [offset, offset + quantity)}, and that the quantity fits one Modbus
 * request ({@value #MAX_REGISTERS} registers or {@value #MAX_BITS} bits).
 *
 * @param table the data table, which selects the function code
 * @param offset the 0-based offset of the first register (or bit) read
 * @param quantity the number of registers (or bits) read, at least 1
 * @param points the points served, sorted by offset
 */
public record ReadBlock(
    RegisterTable table, int offset, int quantity, List<PointDefinition> points) {

  /** The most registers one read (function 3 or 4) may return. */
  public static final int MAX_REGISTERS = 125;

  /** The most bits one read (function 1 or 2) may return. */
  public static final int MAX_BITS = 2000;

  /** Validates the block and copies the points. */
  public ReadBlock {
    Objects.requireNonNull(table, "table");
    points = List.copyOf(points);
    if (quantity < 1 || quantity > maxQuantity(table)) {
      throw new IllegalArgumentException(
          "quantity " + quantity + " is outside 1.." + maxQuantity(table) + " for " + table);
    }
    if (offset < 0 || offset + quantity > 65536) {
      throw new IllegalArgumentException(
          "block " + offset + "+" + quantity + " does not fit the table's 65536 addresses");
    }
    for (PointDefinition point : points) {
      int start = point.address().offset();
      if (point.address().table() != table
          || start < offset
          || start + point.registerCount() > offset + quantity) {
        throw new IllegalArgumentException(
            "point '" + point.name() + "' at " + point.address() + " is outside the block");
      }
    }
  }

  /** The largest quantity one request may read from the table. */
  public static int maxQuantity(RegisterTable table) {
    return table.isBit() ? MAX_BITS : MAX_REGISTERS;
  }

  /**
   * Decodes every point of the block from the registers read (table INPUT/HOLDING) into engineering
   * values, scaled as the map says. STRING points are skipped.
   *
   * @param registers exactly {@link #quantity()} registers, the first at {@link #offset()}
   * @return point name to value, in the order of {@link #points()}
   */
  public Map<String, Double> decodeRegisters(short[] registers) {
    Objects.requireNonNull(registers, "registers");
    if (table.isBit()) {
      throw new IllegalStateException("a " + table + " block holds bits; use decodeBits");
    }
    if (registers.length != quantity) {
      throw new IllegalArgumentException(
          "expected " + quantity + " registers from " + offset + ", got " + registers.length);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (PointDefinition point : points) {
      if (point.type() == DataType.STRING) {
        continue;
      }
      int from = point.address().offset() - offset;
      short[] own = Arrays.copyOfRange(registers, from, from + point.registerCount());
      values.put(point.name(), PointCodec.decode(point, own));
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * Decodes every point of a bit block (table COIL/DISCRETE_INPUT): 1.0 for a set bit, 0.0 else.
   *
   * @param bits at least {@link #quantity()} bits, the first at {@link #offset()}; responses are
   *     packed into whole bytes, so trailing padding bits are accepted and ignored
   * @return point name to value, in the order of {@link #points()}
   */
  public Map<String, Double> decodeBits(boolean[] bits) {
    Objects.requireNonNull(bits, "bits");
    if (!table.isBit()) {
      throw new IllegalStateException("a " + table + " block holds registers; use decodeRegisters");
    }
    if (bits.length < quantity) {
      throw new IllegalArgumentException(
          "expected " + quantity + " bits from " + offset + ", got " + bits.length);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (PointDefinition point : points) {
      values.put(point.name(), bits[point.address().offset() - offset] ? 1.0 : 0.0);
    }
    return Collections.unmodifiableMap(values);
  }
}
