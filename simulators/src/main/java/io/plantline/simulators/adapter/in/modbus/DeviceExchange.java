package io.plantline.simulators.adapter.in.modbus;

import io.plantline.simulators.device.FaultSpec;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.simulators.device.TransportFault;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * What one request to a device comes to on the wire once its transport faults are rolled, decided
 * apart from the socket so it can be tested without one. Only an intact answer (possibly delayed)
 * counts as served on the device's served-read counter.
 */
final class DeviceExchange {
  private DeviceExchange() {}

  /** The outcome of one request. */
  sealed interface Outcome {
    /** Stop reading and answering on this connection, keeping it open. */
    record HalfOpen() implements Outcome {}

    /** Close the connection. */
    record Drop() implements Outcome {}

    /** Answer nothing. */
    record NoResponse() implements Outcome {}

    /** Send {@code pdu} after {@code delayMillis}. */
    record Respond(Buffer pdu, long delayMillis) implements Outcome {}
  }

  /** Counts the request, rolls the device's transport faults and builds the response, if any. */
  static Outcome handle(SimulatedDevice device, Buffer pdu) {
    device.countRequest();
    if (device.strikes(TransportFault.HALF_OPEN).isPresent()) {
      return new Outcome.HalfOpen();
    }
    if (device.strikes(TransportFault.DROP_CONNECTION).isPresent()) {
      return new Outcome.Drop();
    }
    if (device.strikes(TransportFault.NO_RESPONSE).isPresent()) {
      return new Outcome.NoResponse();
    }
    Optional<FaultSpec> exception = device.strikes(TransportFault.EXCEPTION);
    // rolled before the answer is built: a garbled answer is not served and takes no number
    boolean garbled = device.strikes(TransportFault.GARBLED_FRAME).isPresent();
    Buffer response =
        exception.isPresent()
            ? ModbusPdu.exception(pdu.getUnsignedByte(0), exception.get().exceptionCode())
            : ModbusPdu.answer(device, pdu, !garbled);
    if (garbled) {
      response = garble(response);
    }
    long delay = device.strikes(TransportFault.DELAY).map(FaultSpec::delayMillis).orElse(0L);
    return new Outcome.Respond(response, delay);
  }

  /** Scrambles a response: a byte count that does not match, and data bytes flipped. */
  static Buffer garble(Buffer response) {
    Buffer garbled = response.copy();
    if (garbled.length() >= 2) {
      garbled.setUnsignedByte(1, (short) ((garbled.getUnsignedByte(1) + 3) & 0xFF));
    }
    for (int i = 2; i < garbled.length(); i++) {
      garbled.setByte(i, (byte) (garbled.getByte(i) ^ 0xA5));
    }
    return garbled;
  }
}
