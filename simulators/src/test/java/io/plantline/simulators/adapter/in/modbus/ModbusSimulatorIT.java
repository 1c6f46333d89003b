package io.plantline.simulators.adapter.in.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointCodec;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterTable;
import io.plantline.simulators.RawModbusClient;
import io.plantline.simulators.RawModbusClient.Reply;
import io.plantline.simulators.TestPlant;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.testkit.process.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads and writes the simulator with two independent masters: j2mod and the third-party {@code
 * mbpoll}. The plant ticks every 10 minutes, so values stay still while a test reads them.
 */
class ModbusSimulatorIT {
  private static final int GATEWAY_PORT = LoopbackPorts.next();
  private static final String PLANT =
      """
      plant: it-plant
      tickMillis: 600000
      sites:
        - id: site-it
          areas:
            - id: area-it
              devices:
                - {id: spindle-it, model: motor-spindle, seed: 7, serialNumber: SP-IT-0001}
                - {id: meter-it, model: energy-meter, seed: 8}
                - {id: pump-a, model: pump, seed: 9, port: %d, unitId: 3}
                - {id: pump-b, model: pump, seed: 10, port: %d, unitId: 4}
      """
          .formatted(GATEWAY_PORT, GATEWAY_PORT);

  private static TestPlant plant;
  private ModbusTCPMaster master;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = new TestPlant(PLANT);
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  @BeforeEach
  void connect() throws Exception {
    master = new ModbusTCPMaster("127.0.0.1", plant.port("spindle-it"), 2000, false);
    master.setRetries(0);
    master.connect();
  }

  @AfterEach
  void disconnect() {
    master.disconnect();
  }

  @Test
  void shouldServeEveryNumericPointOfTheMotorMapAsTheModelComputesIt() throws Exception {
    SimulatedDevice motor = plant.device("spindle-it");
    List<String> checked = new ArrayList<>();
    for (PointDefinition point : motor.registerMap().points()) {
      if (point.type() == DataType.STRING || point.type() == DataType.BOOL) {
        continue;
      }
      short[] raw = readWords(master, 1, point);
      double expected = motor.values().get(point.name());
      double tolerance = Math.max(Math.abs(point.scale()) / 2, Math.abs(expected) * 1e-6);
      assertThat(PointCodec.decode(point, raw))
          .as(point.name())
          .isCloseTo(expected, within(tolerance));
      checked.add(point.name());
    }
    assertThat(checked).contains("state", "speed_rpm", "winding_temperature_c", "part_count");
    assertThat(motor.values().get("state")).as("a motor starts RUNNING").isEqualTo(1.0);
  }

  @Test
  void shouldServeTheSerialNumberString() throws Exception {
    PointDefinition serial =
        plant.device("spindle-it").registerMap().point("serial_number").orElseThrow();
    assertThat(PointCodec.decodeString(serial, readWords(master, 1, serial)))
        .isEqualTo("SP-IT-0001");
  }

  @Test
  void shouldReadTheSameValuesWithTheThirdPartyMasterMbpoll() throws Exception {
    SimulatedDevice motor = plant.device("spindle-it");
    PointDefinition speed = motor.registerMap().point("speed_rpm").orElseThrow();
    PointDefinition state = motor.registerMap().point("state").orElseThrow();
    assertThat(speed.type()).isEqualTo(DataType.FLOAT32);

    String floatOut =
        mbpoll("-t", "3:float", "-B", "-r", Integer.toString(speed.address().offset() + 1));
    String stateOut = mbpoll("-t", "3", "-r", Integer.toString(state.address().offset() + 1));

    assertThat(mbpollValue(floatOut))
        .isCloseTo(PointCodec.decode(speed, readWords(master, 1, speed)), within(0.01));
    assertThat(mbpollValue(stateOut)).isEqualTo(1.0);
  }

  @Test
  void shouldApplyASetpointWrittenByTheMasterAndReadItBack() throws Exception {
    PointDefinition setpoint =
        plant.device("spindle-it").registerMap().point("speed_setpoint_rpm").orElseThrow();
    short[] words = PointCodec.encode(setpoint, 2400.0);
    Register[] registers = new Register[words.length];
    for (int i = 0; i < words.length; i++) {
      registers[i] = new SimpleRegister(words[i] & 0xFFFF);
    }

    master.writeMultipleRegisters(1, setpoint.address().offset(), registers);

    assertThat(plant.device("spindle-it").values().get("speed_setpoint_rpm")).isEqualTo(2400.0);
    assertThat(PointCodec.decode(setpoint, readWords(master, 1, setpoint))).isEqualTo(2400.0);
  }

  @Test
  void shouldSwitchTheRunCoilAndRefuseWritesOutsideWritablePoints() throws Exception {
    PointDefinition run =
        plant.device("spindle-it").registerMap().point("run_command").orElseThrow();
    int holdingSize = plant.device("spindle-it").image().size(RegisterTable.HOLDING_REGISTER);

    master.writeCoil(1, run.address().offset(), false);
    assertThat(plant.device("spindle-it").values().get("run_command")).isEqualTo(0.0);
    master.writeCoil(1, run.address().offset(), true);
    assertThat(master.readCoils(1, run.address().offset(), 1).getBit(0)).isTrue();

    assertThatThrownBy(() -> master.writeSingleRegister(1, holdingSize, new SimpleRegister(1)))
        .isInstanceOfSatisfying(
            ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));
  }

  @Test
  void shouldAnswerIllegalDataAddressBeyondTheMapAndIllegalValueAbove125Registers()
      throws Exception {
    int inputSize = plant.device("spindle-it").image().size(RegisterTable.INPUT_REGISTER);
    assertThatThrownBy(() -> master.readInputRegisters(1, inputSize, 1))
        .isInstanceOfSatisfying(
            ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));

    try (RawModbusClient raw = new RawModbusClient("127.0.0.1", plant.port("spindle-it"), 2000)) {
      assertThat(pdu(raw.request(1, RawModbusClient.readInputRegisters(0, 126))))
          .containsExactly(0x84, 3);
      assertThat(pdu(raw.request(1, 0x2B, 0x0E, 1, 0))).containsExactly(0xAB, 1);
    }
  }

  @Test
  void shouldServeTwoUnitsBehindOneGatewayPortAndReportUnknownUnits() throws Exception {
    ModbusTCPMaster gateway = new ModbusTCPMaster("127.0.0.1", GATEWAY_PORT, 2000, false);
    gateway.setRetries(0);
    gateway.connect();
    try {
      PointDefinition flow = plant.device("pump-a").registerMap().point("flow_m3_h").orElseThrow();
      assertThat(PointCodec.decode(flow, readWords(gateway, 3, flow)))
          .isCloseTo(plant.device("pump-a").values().get("flow_m3_h"), within(1e-3));
      assertThat(PointCodec.decode(flow, readWords(gateway, 4, flow)))
          .isCloseTo(plant.device("pump-b").values().get("flow_m3_h"), within(1e-3));
    } finally {
      gateway.disconnect();
    }
    try (RawModbusClient raw = new RawModbusClient("127.0.0.1", GATEWAY_PORT, 2000)) {
      assertThat(pdu(raw.request(9, RawModbusClient.readInputRegisters(0, 1))))
          .as("unit 9 is not on this gateway")
          .containsExactly(0x84, 0x0B);
    }
  }

  @Test
  void shouldCloseTheConnectionOnAMalformedMbapHeader() throws Exception {
    try (RawModbusClient raw = new RawModbusClient("127.0.0.1", plant.port("meter-it"), 2000)) {
      raw.sendRaw(0, 1, 0, 7, 0, 6, 1, 4, 0, 0, 0, 1); // protocol id 7 instead of 0
      assertThat(raw.read()).isInstanceOf(Reply.Closed.class);
    }
  }

  static short[] readWords(ModbusTCPMaster master, int unit, PointDefinition point)
      throws Exception {
    int count = point.registerCount();
    short[] words = new short[count];
    if (point.address().table() == RegisterTable.INPUT_REGISTER) {
      InputRegister[] regs = master.readInputRegisters(unit, point.address().offset(), count);
      for (int i = 0; i < count; i++) {
        words[i] = (short) regs[i].getValue();
      }
    } else {
      Register[] regs = master.readMultipleRegisters(unit, point.address().offset(), count);
      for (int i = 0; i < count; i++) {
        words[i] = (short) regs[i].getValue();
      }
    }
    return words;
  }

  static int[] pdu(Reply reply) {
    assertThat(reply).isInstanceOf(Reply.Frame.class);
    byte[] pdu = ((Reply.Frame) reply).pdu();
    int[] unsigned = new int[pdu.length];
    for (int i = 0; i < pdu.length; i++) {
      unsigned[i] = pdu[i] & 0xFF;
    }
    return unsigned;
  }

  private static String mbpoll(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("mbpoll", "-m", "tcp", "-a", "1", "-c", "1", "-1", "-o", "2"));
    command.addAll(List.of(args));
    command.addAll(List.of("-p", Integer.toString(plant.port("spindle-it")), "127.0.0.1"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("mbpoll finishes").isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("mbpoll exit code; output:\n" + out).isZero();
    return out;
  }

  /** The value of mbpoll's first result line, {@code [1]: \t1234.5}. */
  private static double mbpollValue(String output) {
    return output
        .lines()
        .filter(l -> l.startsWith("["))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .mapToDouble(Double::parseDouble)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no value in mbpoll output:\n" + output));
  }
}
