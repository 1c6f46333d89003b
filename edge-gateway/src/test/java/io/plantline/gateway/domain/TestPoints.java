package io.plantline.gateway.domain;

import io.plantline.registermap.Access;
import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterAddress;

/** Builds points for the domain tests. */
final class TestPoints {

  private TestPoints() {}

  /** An unscaled ABCD point at an address such as {@code ir:3}. */
  static PointDefinition point(String name, String address, DataType type) {
    return point(name, address, type, ByteWordOrder.ABCD, 1.0);
  }

  static PointDefinition point(
      String name, String address, DataType type, ByteWordOrder order, double scale) {
    return new PointDefinition(
        name,
        RegisterAddress.parse(address),
        type,
        order,
        scale,
        0.0,
        "",
        Access.READ,
        "normal",
        0,
        "");
  }

  static PointDefinition string(String name, String address, int length) {
    return new PointDefinition(
        name,
        RegisterAddress.parse(address),
        DataType.STRING,
        ByteWordOrder.ABCD,
        1.0,
        0.0,
        "",
        Access.READ,
        "normal",
        length,
        "");
  }

  /** Registers from hex words, e.g. {@code regs(0x42F6, 0xE979)}. */
  static short[] regs(int... words) {
    short[] registers = new short[words.length];
    for (int i = 0; i < words.length; i++) {
      registers[i] = (short) words[i];
    }
    return registers;
  }
}
