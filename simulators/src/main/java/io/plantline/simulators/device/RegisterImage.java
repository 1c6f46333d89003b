package io.plantline.simulators.device;

import io.plantline.registermap.RegisterTable;

/**
 * One consistent copy of a device's four Modbus tables, replaced as a whole on each refresh so a
 * read never mixes values of two simulation steps. Addresses between defined points read as zero;
 * addresses beyond the last point of a table do not exist.
 */
public record RegisterImage(
    short[] inputRegisters, short[] holdingRegisters, boolean[] coils, boolean[] discreteInputs) {

  /** Number of addresses of the table (one past the last defined point). */
  public int size(RegisterTable table) {
    return switch (table) {
      case INPUT_REGISTER -> inputRegisters.length;
      case HOLDING_REGISTER -> holdingRegisters.length;
      case COIL -> coils.length;
      case DISCRETE_INPUT -> discreteInputs.length;
    };
  }

  /** Whether {@code [offset, offset + quantity)} lies within the table. */
  public boolean contains(RegisterTable table, int offset, int quantity) {
    return offset >= 0 && quantity > 0 && offset + quantity <= size(table);
  }

  public short[] words(RegisterTable table) {
    return switch (table) {
      case INPUT_REGISTER -> inputRegisters;
      case HOLDING_REGISTER -> holdingRegisters;
      default -> throw new IllegalArgumentException(table + " holds bits, not registers");
    };
  }

  public boolean[] bits(RegisterTable table) {
    return switch (table) {
      case COIL -> coils;
      case DISCRETE_INPUT -> discreteInputs;
      default -> throw new IllegalArgumentException(table + " holds registers, not bits");
    };
  }
}
