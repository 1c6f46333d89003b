package io.plantline.simulators.adapter.in.modbus;

import io.plantline.registermap.RegisterTable;
import io.plantline.simulators.device.RegisterImage;
import io.plantline.simulators.device.ServedCounter;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.buffer.Buffer;

/**
 * Answers one Modbus request PDU (function code and data) for a device: functions 01, 02, 03, 04
 * (reads), 05, 06, 15 and 16 (writes), with the quantity limits of the specification (125
 * registers, 2000 bits per read; 123 registers, 1968 coils per write). Anything else gets the
 * matching exception response. A device's {@link ServedCounter} extends its input registers by two
 * (the addresses between the image and the counter do not exist).
 */
public final class ModbusPdu {
  public static final int ILLEGAL_FUNCTION = 1;
  public static final int ILLEGAL_DATA_ADDRESS = 2;
  public static final int ILLEGAL_DATA_VALUE = 3;

  private ModbusPdu() {}

  /**
   * The response PDU for {@code request} (which starts at the function code), sent as it is: a read
   * covering the device's served-read counter counts as served.
   */
  public static Buffer answer(SimulatedDevice device, Buffer request) {
    return answer(device, request, true);
  }

  /**
   * The response PDU for {@code request} (which starts at the function code).
   *
   * @param served whether the response goes out intact, so a read covering the device's served-read
   *     counter counts (and carries its own number); false for a response that a transport fault
   *     will garble, which carries the current count
   */
  public static Buffer answer(SimulatedDevice device, Buffer request, boolean served) {
    if (request.length() < 1) {
      return exception(0, ILLEGAL_FUNCTION);
    }
    int function = request.getUnsignedByte(0);
    return switch (function) {
      case 1 -> readBits(device.image(), RegisterTable.COIL, request);
      case 2 -> readBits(device.image(), RegisterTable.DISCRETE_INPUT, request);
      case 3 -> readRegisters(device.image(), null, RegisterTable.HOLDING_REGISTER, request, false);
      case 4 ->
          readRegisters(
              device.image(),
              device.servedCounter().orElse(null),
              RegisterTable.INPUT_REGISTER,
              request,
              served);
      case 5 -> writeSingleCoil(device, request);
      case 6 -> writeSingleRegister(device, request);
      case 15 -> writeMultipleCoils(device, request);
      case 16 -> writeMultipleRegisters(device, request);
      default -> exception(function, ILLEGAL_FUNCTION);
    };
  }

  public static Buffer exception(int function, int code) {
    return Buffer.buffer(2)
        .appendUnsignedByte((short) ((function | 0x80) & 0xFF))
        .appendUnsignedByte((short) code);
  }

  /** Reads registers; {@code counter} (nullable) sits behind the image's input registers. */
  private static Buffer readRegisters(
      RegisterImage image,
      ServedCounter counter,
      RegisterTable table,
      Buffer request,
      boolean served) {
    int function = request.getUnsignedByte(0);
    if (request.length() != 5) {
      return exception(function, ILLEGAL_DATA_VALUE);
    }
    int offset = request.getUnsignedShort(1);
    int quantity = request.getUnsignedShort(3);
    if (quantity < 1 || quantity > 125) {
      return exception(function, ILLEGAL_DATA_VALUE);
    }
    boolean withCounter = counter != null && counter.overlaps(offset, quantity);
    if (withCounter
        ? !counter.readable(image.size(table), offset, quantity)
        : !image.contains(table, offset, quantity)) {
      return exception(function, ILLEGAL_DATA_ADDRESS);
    }
    short[] words = image.words(table);
    Buffer response = Buffer.buffer(2 + quantity * 2);
    response.appendUnsignedByte((short) function).appendUnsignedByte((short) (quantity * 2));
    if (!withCounter) {
      for (int i = 0; i < quantity; i++) {
        response.appendShort(words[offset + i]);
      }
      return response;
    }
    // number this response before encoding it, so it carries its own count
    long count = served && counter.covers(offset, quantity) ? counter.serve() : counter.served();
    for (int register = offset; register < offset + quantity; register++) {
      response.appendShort(
          register < words.length ? words[register] : counter.word(count, register));
    }
    return response;
  }

  private static Buffer readBits(RegisterImage image, RegisterTable table, Buffer request) {
    int function = request.getUnsignedByte(0);
    if (request.length() != 5) {
      return exception(function, ILLEGAL_DATA_VALUE);
    }
    int offset = request.getUnsignedShort(1);
    int quantity = request.getUnsignedShort(3);
    if (quantity < 1 || quantity > 2000) {
      return exception(function, ILLEGAL_DATA_VALUE);
    }
    if (!image.contains(table, offset, quantity)) {
      return exception(function, ILLEGAL_DATA_ADDRESS);
    }
    boolean[] bits = image.bits(table);
    int bytes = (quantity + 7) / 8;
    byte[] packed = new byte[bytes];
    for (int i = 0; i < quantity; i++) {
      if (bits[offset + i]) {
        packed[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return Buffer.buffer(2 + bytes)
        .appendUnsignedByte((short) function)
        .appendUnsignedByte((short) bytes)
        .appendBytes(packed);
  }

  private static Buffer writeSingleCoil(SimulatedDevice device, Buffer request) {
    if (request.length() != 5) {
      return exception(5, ILLEGAL_DATA_VALUE);
    }
    int value = request.getUnsignedShort(3);
    if (value != 0xFF00 && value != 0x0000) {
      return exception(5, ILLEGAL_DATA_VALUE);
    }
    int code = device.writeCoils(request.getUnsignedShort(1), new boolean[] {value == 0xFF00});
    return code == 0 ? request.copy() : exception(5, code);
  }

  private static Buffer writeSingleRegister(SimulatedDevice device, Buffer request) {
    if (request.length() != 5) {
      return exception(6, ILLEGAL_DATA_VALUE);
    }
    int code =
        device.writeRegisters(request.getUnsignedShort(1), new short[] {request.getShort(3)});
    return code == 0 ? request.copy() : exception(6, code);
  }

  private static Buffer writeMultipleCoils(SimulatedDevice device, Buffer request) {
    if (request.length() < 6) {
      return exception(15, ILLEGAL_DATA_VALUE);
    }
    int offset = request.getUnsignedShort(1);
    int quantity = request.getUnsignedShort(3);
    int bytes = request.getUnsignedByte(5);
    if (quantity < 1
        || quantity > 1968
        || bytes != (quantity + 7) / 8
        || request.length() != 6 + bytes) {
      return exception(15, ILLEGAL_DATA_VALUE);
    }
    boolean[] bits = new boolean[quantity];
    for (int i = 0; i < quantity; i++) {
      bits[i] = (request.getByte(6 + i / 8) & (1 << (i % 8))) != 0;
    }
    int code = device.writeCoils(offset, bits);
    return code == 0 ? request.getBuffer(0, 5) : exception(15, code);
  }

  private static Buffer writeMultipleRegisters(SimulatedDevice device, Buffer request) {
    if (request.length() < 6) {
      return exception(16, ILLEGAL_DATA_VALUE);
    }
    int offset = request.getUnsignedShort(1);
    int quantity = request.getUnsignedShort(3);
    int bytes = request.getUnsignedByte(5);
    if (quantity < 1 || quantity > 123 || bytes != quantity * 2 || request.length() != 6 + bytes) {
      return exception(16, ILLEGAL_DATA_VALUE);
    }
    short[] words = new short[quantity];
    for (int i = 0; i < quantity; i++) {
      words[i] = request.getShort(6 + 2 * i);
    }
    int code = device.writeRegisters(offset, words);
    return code == 0 ? request.getBuffer(0, 5) : exception(16, code);
  }
}
