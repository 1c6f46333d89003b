package io.plantline.gateway.app;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.plantline.gateway.domain.ByteOrderProbe;
import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.DataType;
import io.plantline.registermap.RegisterAddress;
import io.plantline.registermap.RegisterTable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./plantline probe-byte-order}: reads a register of a live device and reports which
 * byte/word orders decode it to a value the commissioning engineer knows (e.g. from the device's
 * display).
 */
@Command(
    name = "plantline probe-byte-order",
    mixinStandardHelpOptions = true,
    description =
        "Reads registers and tells which of ABCD/CDAB/BADC/DCBA decodes them to the expected value.")
public final class ByteOrderProbeMain implements Callable<Integer> {
  @Option(names = "--endpoint", required = true, description = "host:port of the Modbus TCP device")
  String endpoint;

  @Option(names = "--unit", defaultValue = "1")
  int unit;

  @Option(
      names = "--address",
      required = true,
      description = "e.g. 30001 or ir:0 (input or holding register)")
  String address;

  @Option(names = "--type", required = true, description = "int32, uint32, float32, int64, float64")
  String type;

  @Option(names = "--expected", required = true, description = "the value the device should show")
  double expected;

  @Option(names = "--tolerance", defaultValue = "0.001")
  double tolerance;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ByteOrderProbeMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    RegisterAddress at = RegisterAddress.parse(address);
    DataType dataType = DataType.valueOf(type.toUpperCase(Locale.ROOT));
    int count = dataType.registerCount(0);
    String[] hostPort = endpoint.split(":");
    ModbusTCPMaster master =
        new ModbusTCPMaster(hostPort[0], Integer.parseInt(hostPort[1]), 2000, false);
    master.connect();
    try {
      InputRegister[] registers =
          at.table() == RegisterTable.INPUT_REGISTER
              ? master.readInputRegisters(unit, at.offset(), count)
              : master.readMultipleRegisters(unit, at.offset(), count);
      short[] words = new short[count];
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < count; i++) {
        words[i] = (short) registers[i].getValue();
        hex.append(String.format("%04X ", words[i] & 0xFFFF));
      }
      List<ByteWordOrder> orders = ByteOrderProbe.matching(dataType, words, expected, tolerance);
      System.out.printf(
          "%s %s at %s: registers %s%n", endpoint, dataType, at, hex.toString().trim());
      System.out.println(
          orders.isEmpty()
              ? "no byte/word order decodes them to "
                  + expected
                  + " (wrong address, type or scale?)"
              : "decodes to " + expected + " with: " + orders);
      return orders.isEmpty() ? 3 : 0;
    } finally {
      master.disconnect();
    }
  }
}
