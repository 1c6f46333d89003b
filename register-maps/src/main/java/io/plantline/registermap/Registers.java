package io.plantline.registermap;

/**
 * Moves big-endian bytes (A B C D …, A most significant) into 16-bit registers and back, applying a
 * word swap (registers in reverse order) and a byte swap (the two bytes of each register
 * exchanged). Both operations are their own inverse and commute.
 */
final class Registers {

  private Registers() {}

  static short[] fromBytes(byte[] bigEndian, boolean swapWords, boolean swapBytes) {
    int count = bigEndian.length / 2;
    short[] registers = new short[count];
    for (int i = 0; i < count; i++) {
      int high = bigEndian[2 * i] & 0xFF;
      int low = bigEndian[2 * i + 1] & 0xFF;
      int word = swapBytes ? (low << 8) | high : (high << 8) | low;
      registers[swapWords ? count - 1 - i : i] = (short) word;
    }
    return registers;
  }

  static byte[] toBytes(short[] registers, boolean swapWords, boolean swapBytes) {
    int count = registers.length;
    byte[] bigEndian = new byte[count * 2];
    for (int i = 0; i < count; i++) {
      int word = registers[swapWords ? count - 1 - i : i] & 0xFFFF;
      int high = swapBytes ? word & 0xFF : word >>> 8;
      int low = swapBytes ? word >>> 8 : word & 0xFF;
      bigEndian[2 * i] = (byte) high;
      bigEndian[2 * i + 1] = (byte) low;
    }
    return bigEndian;
  }

  /** The low {@code length} bytes of {@code value}, most significant first. */
  static byte[] bigEndian(long value, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[length - 1 - i] = (byte) (value >>> (8 * i));
    }
    return bytes;
  }

  /** The bytes as an unsigned big-endian number (sign bits above them are zero). */
  static long value(byte[] bigEndian) {
    long value = 0;
    for (byte b : bigEndian) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }
}
