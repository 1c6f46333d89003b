package io.plantline.registermap;

import java.util.Locale;

/** Point definitions and register arrays for codec tests. */
final class Points {

  private Points() {}

  static PointDefinition numeric(DataType type, ByteWordOrder order) {
    return scaled(type, order, 1.0, 0.0);
  }

  static PointDefinition scaled(DataType type, ByteWordOrder order, double scale, double offset) {
    return new PointDefinition(
        "test_" + type.name().toLowerCase(Locale.ROOT),
        new RegisterAddress(RegisterTable.HOLDING_REGISTER, 100),
        type,
        order,
        scale,
        offset,
        "",
        Access.READ_WRITE,
        "normal",
        0,
        "");
  }

  static PointDefinition string(int length, ByteWordOrder order) {
    return new PointDefinition(
        "serial_number",
        new RegisterAddress(RegisterTable.INPUT_REGISTER, 0),
        DataType.STRING,
        order,
        1.0,
        0.0,
        "",
        Access.READ,
        "slow",
        length,
        "");
  }

  static PointDefinition bool() {
    return new PointDefinition(
        "run_command",
        new RegisterAddress(RegisterTable.COIL, 0),
        DataType.BOOL,
        ByteWordOrder.ABCD,
        1.0,
        0.0,
        "",
        Access.READ_WRITE,
        "normal",
        0,
        "");
  }

  /** Registers from 16-bit hex literals, e.g. {@code registers(0x42F6, 0xE979)}. */
  static short[] registers(int... words) {
    short[] registers = new short[words.length];
    for (int i = 0; i < words.length; i++) {
      registers[i] = (short) words[i];
    }
    return registers;
  }
}
