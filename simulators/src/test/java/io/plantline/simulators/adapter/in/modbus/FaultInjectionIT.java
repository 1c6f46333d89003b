package io.plantline.simulators.adapter.in.modbus;

import static io.plantline.simulators.adapter.in.modbus.ModbusSimulatorIT.readWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.PointCodec;
import io.plantline.registermap.PointDefinition;
import io.plantline.simulators.RawModbusClient;
import io.plantline.simulators.RawModbusClient.Reply;
import io.plantline.simulators.TestPlant;
import io.plantline.testkit.http.LoopbackHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each fault is injected at runtime through the REST control API and observed as a Modbus master
 * sees it. Faults are cleared after every test.
 */
class FaultInjectionIT {
  private static final String PLANT =
      """
      plant: fault-plant
      tickMillis: 600000
      sites:
        - id: site-it
          areas:
            - id: area-it
              devices:
                - {id: spindle-f, model: motor-spindle, seed: 21}
      """;
  private static TestPlant plant;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = new TestPlant(PLANT);
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  @AfterEach
  void clearFaults() throws Exception {
    assertThat(
            call("DELETE", "/api/v1/devices/spindle-f/faults", null, TestPlant.TOKEN).statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldAnswerLateWithAnInjectedDelay() throws Exception {
    inject("{\"action\":\"fault\",\"fault\":\"delay\",\"delayMillis\":400}");
    ModbusTCPMaster master = master(2000);
    try {
      long begin = System.nanoTime();
      master.readInputRegisters(1, 0, 1);
      assertThat(Duration.ofNanos(System.nanoTime() - begin))
          .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    } finally {
      master.disconnect();
    }
  }

  @Test
  void shouldTimeOutAMasterWhenTheDeviceDoesNotAnswer() throws Exception {
    inject("{\"action\":\"fault\",\"fault\":\"no-response\"}");
    ModbusTCPMaster master = master(500);
    try {
      assertThatThrownBy(() -> master.readInputRegisters(1, 0, 1))
          .isInstanceOf(ModbusException.class)
          .isNotInstanceOf(ModbusSlaveException.class);
    } finally {
      master.disconnect();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 6})
  void shouldAnswerWithTheInjectedExceptionCode(int code) throws Exception {
    inject("{\"action\":\"fault\",\"fault\":\"exception\",\"exceptionCode\":" + code + "}");
    ModbusTCPMaster master = master(2000);
    try {
      assertThatThrownBy(() -> master.readInputRegisters(1, 0, 1))
          .isInstanceOfSatisfying(
              ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(code));
    } finally {
      master.disconnect();
    }
  }

  @Test
  void shouldCloseTheConnectionWhenDroppingIt() throws Exception {
    inject("{\"action\":\"fault\",\"fault\":\"drop-connection\"}");
    try (RawModbusClient raw = new RawModbusClient("127.0.0.1", plant.port("spindle-f"), 2000)) {
      assertThat(raw.request(1, RawModbusClient.readInputRegisters(0, 1)))
          .isInstanceOf(Reply.Closed.class);
    }
  }

  @Test
  void shouldKeepAHalfOpenConnectionSilentWithoutClosingIt() throws Exception {
    inject("{\"action\":\"fault\",\"fault\":\"half-open\"}");
    try (RawModbusClient raw = new RawModbusClient("127.0.0.1", plant.port("spindle-f"), 700)) {
      assertThat(raw.request(1, RawModbusClient.readInputRegisters(0, 1)))
          .isInstanceOf(Reply.Silence.class);
      assertThat(raw.request(1, RawModbusClient.readInputRegisters(0, 1)))
          .as("still connected, still silent")
          .isInstanceOf(Reply.Silence.class);
    }
  }

  @Test
  void shouldSendAGarbledFrameWhoseByteCountDoesNotMatch() throws Exception {
    inject("{\"action\":\"fault\",\"fault\":\"garbled-frame\"}");
    try (RawModbusClient raw = new RawModbusClient("127.0.0.1", plant.port("spindle-f"), 2000)) {
      int[] pdu = ModbusSimulatorIT.pdu(raw.request(1, RawModbusClient.readInputRegisters(0, 4)));
      assertThat(pdu[0]).isEqualTo(4);
      assertThat(pdu[1]).as("byte count").isNotEqualTo(pdu.length - 2);
    }
  }

  @Test
  void shouldEncodeWithTheWrongByteOrderWhenTold() throws Exception {
    PointDefinition speed =
        plant.device("spindle-f").registerMap().point("speed_rpm").orElseThrow();
    double truth = plant.device("spindle-f").values().get("speed_rpm");
    ByteWordOrder wrong =
        speed.order() == ByteWordOrder.CDAB ? ByteWordOrder.ABCD : ByteWordOrder.CDAB;
    inject("{\"action\":\"fault\",\"fault\":\"wrong-byte-order\",\"order\":\"" + wrong + "\"}");
    ModbusTCPMaster master = master(2000);
    try {
      short[] raw = readWords(master, 1, speed);
      assertThat(PointCodec.decode(speed, raw))
          .as("decoded as the map says")
          .isNotCloseTo(truth, within(1.0));
      PointDefinition asSent =
          new PointDefinition(
              speed.name(),
              speed.address(),
              speed.type(),
              wrong,
              speed.scale(),
              speed.offset(),
              speed.unit(),
              speed.access(),
              speed.pollClass(),
              speed.stringLength(),
              speed.description());
      assertThat(PointCodec.decode(asSent, raw))
          .as("decoded in the order sent")
          .isCloseTo(truth, within(0.01));
    } finally {
      master.disconnect();
    }
  }

  @Test
  void shouldServeNanAndSpikesFromSensorFaults() throws Exception {
    PointDefinition temperature =
        plant.device("spindle-f").registerMap().point("winding_temperature_c").orElseThrow();
    ModbusTCPMaster master = master(2000);
    try {
      double before = PointCodec.decode(temperature, readWords(master, 1, temperature));
      inject(
          "{\"action\":\"spikes\",\"point\":\"winding_temperature_c\",\"probability\":1.0,\"magnitude\":50}");
      double spiked = PointCodec.decode(temperature, readWords(master, 1, temperature));
      assertThat(Math.abs(spiked - before)).isCloseTo(50.0, within(0.5));

      inject("{\"action\":\"nan-values\",\"point\":\"winding_temperature_c\",\"probability\":1.0}");
      assertThat(PointCodec.decode(temperature, readWords(master, 1, temperature))).isNaN();
    } finally {
      master.disconnect();
    }
  }

  @Test
  void shouldRefuseControlCallsWithoutTheTokenOrWithABadBody() throws Exception {
    String actions = "/api/v1/devices/spindle-f/actions";
    assertThat(call("GET", "/api/v1/plant", null, "wrong-token").statusCode()).isEqualTo(401);
    assertThat(call("POST", actions, "{not json", TestPlant.TOKEN).statusCode()).isEqualTo(400);
    HttpResponse<String> unknown =
        call("POST", actions, "{\"action\":\"explode\"}", TestPlant.TOKEN);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown action 'explode'");
    HttpResponse<String> badParam =
        call(
            "POST",
            actions,
            "{\"action\":\"fault\",\"fault\":\"delay\",\"delayMillis\":-5}",
            TestPlant.TOKEN);
    assertThat(badParam.statusCode()).isEqualTo(400);
    assertThat(badParam.body()).contains("delayMillis");
    assertThat(call("GET", "/api/v1/devices/nope", null, TestPlant.TOKEN).statusCode())
        .isEqualTo(404);
    HttpResponse<String> overview = call("GET", "/api/v1/plant", null, TestPlant.TOKEN);
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("spindle-f", "127.0.0.1:" + plant.port("spindle-f"));
  }

  private static ModbusTCPMaster master(int timeoutMillis) throws Exception {
    ModbusTCPMaster master =
        new ModbusTCPMaster("127.0.0.1", plant.port("spindle-f"), timeoutMillis, false);
    master.setRetries(0);
    master.connect();
    return master;
  }

  private static void inject(String body) throws Exception {
    HttpResponse<String> response =
        call("POST", "/api/v1/devices/spindle-f/actions", body, TestPlant.TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static HttpResponse<String> call(String method, String path, String body, String token)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(plant.controlUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return LoopbackHttp.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
