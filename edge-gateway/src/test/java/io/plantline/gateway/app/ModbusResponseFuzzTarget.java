package io.plantline.gateway.app;

import com.ghgande.j2mod.modbus.io.ModbusTCPTransport;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import io.plantline.gateway.domain.BlockPlanner;
import io.plantline.gateway.domain.ReadBlock;
import io.plantline.registermap.RegisterMaps;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: what a hostile or broken Modbus TCP device can answer. The first byte picks one of
 * the read blocks the gateway plans for the shipped register maps; the rest is the byte stream the
 * device sends back. j2mod parses the frame as in production (a parse failure is an I/O failure
 * there: the session is reset and the read retried, so any exception of j2mod is allowed here);
 * then the gateway's own checks and decoding must either refuse the answer as malformed or return
 * exactly the block's points. Anything else, a hang or running out of memory is a finding.
 */
public final class ModbusResponseFuzzTarget {
  private static final List<ReadBlock> BLOCKS = new ArrayList<>();

  static {
    for (String type : RegisterMaps.builtInTypes()) {
      BLOCKS.addAll(BlockPlanner.plan(RegisterMaps.builtIn(type).points(), 8));
    }
  }

  private ModbusResponseFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) throws MalformedResponseException {
    ReadBlock block = BLOCKS.get((input.length == 0 ? 0 : input[0] & 0xff) % BLOCKS.size());
    byte[] stream = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    ModbusResponse response;
    try {
      ModbusTCPTransport transport = new ModbusTCPTransport(new DeviceSocket(stream));
      response = transport.readResponse();
    } catch (Exception e) {
      return; // the gateway resets the session and retries
    }
    Map<String, Double> values;
    try {
      // j2mod's master casts the answer to the type of the request: another type is an I/O failure
      switch (block.table()) {
        case HOLDING_REGISTER -> {
          if (!(response instanceof ReadMultipleRegistersResponse r)) {
            return;
          }
          values = DevicePoller.decodeRegisters(block, r.getRegisters());
        }
        case INPUT_REGISTER -> {
          if (!(response instanceof ReadInputRegistersResponse r)) {
            return;
          }
          values = DevicePoller.decodeRegisters(block, r.getRegisters());
        }
        case COIL -> {
          if (!(response instanceof ReadCoilsResponse r)) {
            return;
          }
          values = DevicePoller.decodeBits(block, r.getCoils());
        }
        case DISCRETE_INPUT -> {
          if (!(response instanceof ReadInputDiscretesResponse r)) {
            return;
          }
          values = DevicePoller.decodeBits(block, r.getDiscretes());
        }
        default -> throw new IllegalStateException("unknown table " + block.table());
      }
    } catch (MalformedResponseException e) {
      return;
    }
    if (values.size() > block.points().size()) {
      throw new IllegalStateException("decoded " + values.keySet() + " from block " + block);
    }
  }

  /** A connection whose device sends {@code answer} and swallows what the gateway writes. */
  private static final class DeviceSocket extends Socket {
    private final InputStream in;

    DeviceSocket(byte[] answer) {
      this.in = new ByteArrayInputStream(answer);
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public void setSoTimeout(int timeout) {}
  }
}
