package io.plantline.simulators.adapter.in.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.registermap.PointCodec;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMaps;
import io.plantline.simulators.device.DeviceIdentity;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.simulators.domain.DeviceModels;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModbusPduTest {
  private final SimulatedDevice pump =
      new SimulatedDevice(
          new DeviceIdentity("pump-1", "s", "a", "pump", 1),
          RegisterMaps.builtIn("pump"),
          DeviceModels.create("pump", Map.of(), 1),
          Map.of(),
          1);

  @Test
  void shouldAnswerAReadWithByteCountAndTheImageRegisters() {
    PointDefinition flow = pump.registerMap().point("flow_m3_h").orElseThrow();
    int offset = flow.address().offset();

    Buffer response = ModbusPdu.answer(pump, request(4, offset, 2));

    assertThat((int) response.getUnsignedByte(0)).isEqualTo(4);
    assertThat((int) response.getUnsignedByte(1)).isEqualTo(4);
    short[] words = {response.getShort(2), response.getShort(4)};
    assertThat(PointCodec.decode(flow, words))
        .isEqualTo(pump.values().get("flow_m3_h"), org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void shouldRejectQuantitiesOutsideTheSpecification() {
    assertThat(ModbusPdu.answer(pump, request(4, 0, 0)).getBytes()).containsExactly((byte) 0x84, 3);
    assertThat(ModbusPdu.answer(pump, request(3, 0, 126)).getBytes())
        .containsExactly((byte) 0x83, 3);
    assertThat(ModbusPdu.answer(pump, request(1, 0, 2001)).getBytes())
        .containsExactly((byte) 0x81, 3);
  }

  @Test
  void shouldRejectAWrongCoilValueAndUnknownFunctions() {
    Buffer badCoil =
        Buffer.buffer()
            .appendUnsignedByte((short) 5)
            .appendUnsignedShort(0)
            .appendUnsignedShort(0x1234);
    assertThat(ModbusPdu.answer(pump, badCoil).getBytes()).containsExactly((byte) 0x85, 3);
    assertThat(ModbusPdu.answer(pump, Buffer.buffer(new byte[] {0x11})).getBytes())
        .containsExactly((byte) 0x91, 1);
  }

  @Test
  void shouldEchoASuccessfulWriteAndApplyIt() {
    PointDefinition setpoint = pump.registerMap().point("speed_setpoint_pct").orElseThrow();
    short[] raw = PointCodec.encode(setpoint, 75.0);
    Buffer write =
        Buffer.buffer()
            .appendUnsignedByte((short) 6)
            .appendUnsignedShort(setpoint.address().offset())
            .appendShort(raw[0]);

    Buffer response = ModbusPdu.answer(pump, write);

    assertThat(response.getBytes()).isEqualTo(write.getBytes());
    assertThat(pump.values().get("speed_setpoint_pct")).isEqualTo(75.0);
  }

  private static Buffer request(int function, int offset, int quantity) {
    return Buffer.buffer()
        .appendUnsignedByte((short) function)
        .appendUnsignedShort(offset)
        .appendUnsignedShort(quantity);
  }
}
