package io.plantline.gateway.domain;

import io.plantline.registermap.Access;
import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointCodec;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterAddress;
import io.plantline.registermap.RegisterTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which byte/word orders decode registers to a known value: the byte-order probe of a commissioning
 * engineer, who reads a register whose value is shown on the device's display and asks which order
 * the map must name.
 *
 * <p>Some values cannot tell orders apart: 16-bit types never swap words (ABCD equals CDAB, BADC
 * equals DCBA), and registers with symmetric bytes decode alike in several orders. Then every
 * matching order is returned, and the engineer probes with another value.
 */
public final class ByteOrderProbe {

  private ByteOrderProbe() {}

  /**
   * The orders, in {@link ByteWordOrder} declaration order, in which {@code registers} decode
   * (unscaled) to within {@code tolerance} of {@code expected}.
   *
   * @param type a numeric type (not BOOL or STRING)
   * @param registers exactly the type's register count, as read from the device
   * @param expected the raw value the device should hold
   * @param tolerance the largest accepted difference, finite and >= 0
   */
  public static List<ByteWordOrder> matching(
      DataType type, short[] registers, double expected, double tolerance) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(registers, "registers");
    if (type == DataType.BOOL || type == DataType.STRING) {
      throw new IllegalArgumentException("byte orders apply to numeric types, not " + type);
    }
    if (!Double.isFinite(tolerance) || tolerance < 0) {
      throw new IllegalArgumentException("tolerance must be finite and >= 0, was " + tolerance);
    }
    if (registers.length != type.registerCount(0)) {
      throw new IllegalArgumentException(
          type + " needs " + type.registerCount(0) + " registers, got " + registers.length);
    }
    List<ByteWordOrder> matches = new ArrayList<>();
    for (ByteWordOrder order : ByteWordOrder.values()) {
      double decoded = PointCodec.decode(probe(type, order), registers);
      if (Math.abs(decoded - expected) <= tolerance) {
        matches.add(order);
      }
    }
    return List.copyOf(matches);
  }

  private static PointDefinition probe(DataType type, ByteWordOrder order) {
    return new PointDefinition(
        "probe",
        new RegisterAddress(RegisterTable.HOLDING_REGISTER, 0),
        type,
        order,
        1.0,
        0.0,
        "",
        Access.READ,
        "probe",
        0,
        "");
  }
}
