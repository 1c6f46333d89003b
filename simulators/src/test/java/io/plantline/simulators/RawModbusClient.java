package io.plantline.simulators;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A bare Modbus TCP client for tests that need to see the wire: exact frames, closed connections,
 * silence. Every call is bounded by the socket timeout.
 */
public final class RawModbusClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private int transaction = 1;

  /** What came back for one request. */
  public sealed interface Reply {
    /** A complete frame: unit id and PDU. */
    record Frame(int transactionId, int unitId, byte[] pdu) implements Reply {}

    /** The server closed the connection. */
    record Closed() implements Reply {}

    /** Nothing arrived within the timeout; the connection is still open. */
    record Silence() implements Reply {}
  }

  public RawModbusClient(String host, int port, int timeoutMillis) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 2000);
    socket.setSoTimeout(timeoutMillis);
    in = new DataInputStream(socket.getInputStream());
  }

  /** Sends a PDU given as unsigned byte values. */
  public Reply request(int unitId, int... pdu) throws IOException {
    return request(unitId, toBytes(pdu));
  }

  /** Sends {@code pdu} to {@code unitId} and waits for one reply. */
  public Reply request(int unitId, byte[] pdu) throws IOException {
    int tid = transaction++;
    byte[] adu = new byte[7 + pdu.length];
    adu[0] = (byte) (tid >> 8);
    adu[1] = (byte) tid;
    adu[4] = (byte) ((pdu.length + 1) >> 8);
    adu[5] = (byte) (pdu.length + 1);
    adu[6] = (byte) unitId;
    System.arraycopy(pdu, 0, adu, 7, pdu.length);
    socket.getOutputStream().write(adu);
    socket.getOutputStream().flush();
    return read();
  }

  /** Sends raw bytes (for malformed frames). */
  public void sendRaw(int... bytes) throws IOException {
    socket.getOutputStream().write(toBytes(bytes));
    socket.getOutputStream().flush();
  }

  public Reply read() throws IOException {
    try {
      byte[] header = new byte[7];
      in.readFully(header);
      int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
      byte[] pdu = new byte[length - 1];
      in.readFully(pdu);
      return new Reply.Frame(((header[0] & 0xFF) << 8) | (header[1] & 0xFF), header[6] & 0xFF, pdu);
    } catch (EOFException e) {
      return new Reply.Closed();
    } catch (SocketTimeoutException e) {
      return new Reply.Silence();
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        return new Reply.Closed();
      }
      throw e;
    }
  }

  private static byte[] toBytes(int[] values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  /** PDU of function 04 (read input registers). */
  public static byte[] readInputRegisters(int offset, int quantity) {
    return new byte[] {
      4, (byte) (offset >> 8), (byte) offset, (byte) (quantity >> 8), (byte) quantity
    };
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
