package io.plantline.simulators.adapter.in.modbus;

import io.plantline.simulators.adapter.in.modbus.DeviceExchange.Outcome;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP endpoint (one listening port) serving one or more simulated devices by unit id, as a
 * device with a built-in Ethernet port or a serial gateway in front of a bus does. Requests on one
 * connection are answered in order; transport faults of the addressed device are applied here.
 */
public final class ModbusTcpServer extends VerticleBase {
  /** Exception code 0x0B: the gateway got no answer from the addressed unit. */
  static final int GATEWAY_TARGET_FAILED = 0x0B;

  private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpServer.class);
  private static final int MBAP_HEADER = 7;

  private final String host;
  private final int requestedPort;
  private final Map<Integer, SimulatedDevice> devicesByUnit;
  private final AtomicLong malformedFrames = new AtomicLong();
  private NetServer server;

  /**
   * @param host address to bind, normally 127.0.0.1
   * @param port port to listen on; 0 picks a free one ({@link #port()} tells which)
   * @param devicesByUnit the devices answering on this port, by unit id
   */
  public ModbusTcpServer(String host, int port, Map<Integer, SimulatedDevice> devicesByUnit) {
    if (devicesByUnit.isEmpty()) {
      throw new IllegalArgumentException("a Modbus endpoint needs at least one device");
    }
    this.host = host;
    this.requestedPort = port;
    this.devicesByUnit = Map.copyOf(devicesByUnit);
  }

  @Override
  public Future<?> start() {
    NetServerOptions options =
        new NetServerOptions().setHost(host).setPort(requestedPort).setTcpNoDelay(true);
    return vertx
        .createNetServer(options)
        .connectHandler(this::serve)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  /** The port it listens on, once started. */
  public int port() {
    return server.actualPort();
  }

  public String host() {
    return host;
  }

  public Map<Integer, SimulatedDevice> devices() {
    return devicesByUnit;
  }

  /** Frames with a bad MBAP header; each one closed its connection. */
  public long malformedFrames() {
    return malformedFrames.get();
  }

  private void serve(NetSocket socket) {
    RecordParser parser = RecordParser.newFixed(MBAP_HEADER);
    Connection connection = new Connection(socket, parser);
    parser.handler(connection::onRecord);
    socket.handler(parser);
    socket.exceptionHandler(e -> socket.close());
  }

  /** Per-connection framing state: MBAP header, then the PDU it announces. */
  private final class Connection {
    private final NetSocket socket;
    private boolean halfOpen;
    private int transactionId = -1;
    private int unitId;
    private final RecordParser parser;

    Connection(NetSocket socket, RecordParser parser) {
      this.socket = socket;
      this.parser = parser;
    }

    void onRecord(Buffer record) {
      if (transactionId < 0) {
        onHeader(record);
      } else {
        Buffer pdu = record;
        int tid = transactionId;
        transactionId = -1;
        parser.fixedSizeMode(MBAP_HEADER);
        onRequest(tid, unitId, pdu);
      }
    }

    private void onHeader(Buffer header) {
      int protocol = header.getUnsignedShort(2);
      int length = header.getUnsignedShort(4);
      if (protocol != 0 || length < 2 || length > 254) {
        malformedFrames.incrementAndGet();
        LOG.debug(
            "closing {}: malformed MBAP header (protocol {}, length {})",
            socket.remoteAddress(),
            protocol,
            length);
        socket.close();
        return;
      }
      transactionId = header.getUnsignedShort(0);
      unitId = header.getUnsignedByte(6);
      parser.fixedSizeMode(length - 1);
    }

    private void onRequest(int tid, int unit, Buffer pdu) {
      if (halfOpen) {
        return;
      }
      SimulatedDevice device = deviceFor(unit);
      int function = pdu.getUnsignedByte(0);
      if (device == null) {
        send(tid, unit, ModbusPdu.exception(function, GATEWAY_TARGET_FAILED), 0);
        return;
      }
      Outcome outcome = DeviceExchange.handle(device, pdu);
      if (outcome instanceof Outcome.Respond respond) {
        send(tid, unit, respond.pdu(), respond.delayMillis());
      } else if (outcome instanceof Outcome.HalfOpen) {
        halfOpen = true;
        socket.pause();
      } else if (outcome instanceof Outcome.Drop) {
        socket.close();
      } // Outcome.NoResponse: nothing goes back
    }

    private void send(int tid, int unit, Buffer pdu, long delayMillis) {
      Buffer adu =
          Buffer.buffer(MBAP_HEADER + pdu.length())
              .appendUnsignedShort(tid)
              .appendUnsignedShort(0)
              .appendUnsignedShort(pdu.length() + 1)
              .appendUnsignedByte((short) unit)
              .appendBuffer(pdu);
      if (delayMillis > 0) {
        vertx.setTimer(delayMillis, id -> socket.write(adu));
      } else {
        socket.write(adu);
      }
    }
  }

  private SimulatedDevice deviceFor(int unit) {
    SimulatedDevice device = devicesByUnit.get(unit);
    if (device == null && devicesByUnit.size() == 1 && (unit == 0 || unit == 255)) {
      return devicesByUnit.values().iterator().next();
    }
    return device;
  }
}
