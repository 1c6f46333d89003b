package io.plantline.simulators.device;

/** Faults a simulated device can show on the wire, as field devices and serial gateways do. */
public enum TransportFault {
  /** Answers late by {@code delayMillis}. */
  DELAY,
  /** Never answers the request: the master times out. */
  NO_RESPONSE,
  /** Answers with a Modbus exception code (01, 02, 03, 04, 06...). */
  EXCEPTION,
  /** Closes the TCP connection when a request arrives. */
  DROP_CONNECTION,
  /** Keeps the connection open but stops reading and answering, like a peer that vanished. */
  HALF_OPEN,
  /** Answers with a corrupted frame: inconsistent byte count and scrambled data. */
  GARBLED_FRAME,
  /** Encodes multi-register values in another byte/word order than its register map says. */
  WRONG_BYTE_ORDER;

  /** The name used in plant files, scenario files and the REST API, e.g. {@code no-response}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public static TransportFault fromWireName(String name) {
    for (TransportFault fault : values()) {
      if (fault.wireName().equals(name)) {
        return fault;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault '"
            + name
            + "'; known: "
            + java.util.Arrays.stream(values()).map(TransportFault::wireName).toList());
  }
}
