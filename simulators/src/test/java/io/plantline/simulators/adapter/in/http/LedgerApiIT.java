package io.plantline.simulators.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.plantline.simulators.RawModbusClient;
import io.plantline.simulators.RawModbusClient.Reply;
import io.plantline.simulators.TestPlant;
import io.plantline.simulators.device.TransportFault;
import io.plantline.testkit.http.LoopbackHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/ledger} through the real control API, after reads by a j2mod master and faults
 * a test driver injects and ends through the same API.
 */
class LedgerApiIT {
  private static final int ADDRESS = 9000;
  private static final String PLANT =
      """
      plant: ledger-plant
      tickMillis: 600000
      sites:
        - id: site-it
          areas:
            - id: area-it
              devices:
                - {id: spindle-l, model: motor-spindle, seed: 31}
                - {id: pump-l, model: pump, seed: 32}
      """;

  @Test
  void shouldListServedReadsAndAppliedFaultsPerDevice() throws Exception {
    try (TestPlant plant = new TestPlant(PLANT, Optional.empty(), OptionalInt.of(ADDRESS))) {
      Instant begin = Instant.now();
      ModbusTCPMaster master =
          new ModbusTCPMaster("127.0.0.1", plant.port("spindle-l"), 2000, false);
      master.setRetries(0);
      master.connect();
      try {
        for (int expected = 1; expected <= 3; expected++) {
          assertThat(uint32(master.readInputRegisters(1, ADDRESS, 2))).isEqualTo(expected);
        }
        master.readInputRegisters(1, 0, 2); // not covering ADDRESS: not counted
      } finally {
        master.disconnect();
      }

      String actions = "/api/v1/devices/spindle-l/actions";
      try (RawModbusClient raw = new RawModbusClient("127.0.0.1", plant.port("spindle-l"), 500)) {
        ok(
            call(
                plant,
                "POST",
                actions,
                "{\"action\":\"fault\",\"fault\":\"garbled-frame\",\"probability\":1.0,"
                    + "\"durationSeconds\":60}"));
        assertThat(raw.request(1, RawModbusClient.readInputRegisters(ADDRESS, 2)))
            .isInstanceOf(Reply.Frame.class);
        ok(
            call(
                plant,
                "POST",
                actions,
                "{\"action\":\"clear-fault\",\"fault\":\"garbled-frame\"}"));
        assertThat(counterOf(raw.request(1, RawModbusClient.readInputRegisters(ADDRESS, 2))))
            .isEqualTo(4);

        ok(
            call(
                plant,
                "POST",
                actions,
                "{\"action\":\"fault\",\"fault\":\"no-response\",\"durationSeconds\":1.5}"));
        Instant until = plant.device("spindle-l").faultDeadlines().get(TransportFault.NO_RESPONSE);
        assertThat(raw.request(1, RawModbusClient.readInputRegisters(ADDRESS, 2)))
            .isInstanceOf(Reply.Silence.class);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis() + 50));
        assertThat(counterOf(raw.request(1, RawModbusClient.readInputRegisters(ADDRESS, 2))))
            .as("the fault ended by itself; the silent request was not served")
            .isEqualTo(5);
      }

      HttpResponse<String> response = call(plant, "GET", "/api/v1/ledger", null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
      JsonObject ledger = new JsonObject(response.body());
      assertThat(ledger.getInteger("servedCounterAddress")).isEqualTo(ADDRESS);
      JsonArray devices = ledger.getJsonArray("devices");
      assertThat(devices.size()).isEqualTo(2);

      JsonObject spindle = devices.getJsonObject(0);
      assertThat(spindle.getString("deviceId")).isEqualTo("spindle-l");
      assertThat(spindle.getLong("served")).isEqualTo(5);
      Instant first = Instant.parse(spindle.getString("firstServedAt"));
      Instant last = Instant.parse(spindle.getString("lastServedAt"));
      assertThat(first).isAfterOrEqualTo(begin.minusSeconds(1)).isBefore(last);
      assertThat(spindle.getJsonObject("transportFaults"))
          .isEqualTo(new JsonObject().put("no-response", 1).put("garbled-frame", 1));

      JsonObject pump = devices.getJsonObject(1);
      assertThat(pump.getString("deviceId")).isEqualTo("pump-l");
      assertThat(pump.getLong("served")).isZero();
      assertThat(pump.containsKey("firstServedAt")).isTrue();
      assertThat(pump.getString("firstServedAt")).isNull();
      assertThat(pump.getString("lastServedAt")).isNull();
      assertThat(pump.getJsonObject("transportFaults")).isEqualTo(new JsonObject());

      assertThat(call(plant, "GET", "/api/v1/ledger", null, "wrong-token").statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void shouldAnswer404WhenTheLedgerIsOff() throws Exception {
    try (TestPlant plant = new TestPlant(PLANT)) {
      HttpResponse<String> response = call(plant, "GET", "/api/v1/ledger", null);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(new JsonObject(response.body()).getString("error"))
          .isEqualTo(
              "the served-read ledger is off; start the simulator with --served-counter ADDRESS");
    }
  }

  private static long uint32(InputRegister[] registers) {
    return ((long) registers[0].toUnsignedShort() << 16) | registers[1].toUnsignedShort();
  }

  private static long counterOf(Reply reply) {
    assertThat(reply).isInstanceOf(Reply.Frame.class);
    byte[] pdu = ((Reply.Frame) reply).pdu();
    assertThat(pdu).startsWith(4, 4);
    return ((pdu[2] & 0xFFL) << 24)
        | ((pdu[3] & 0xFF) << 16)
        | ((pdu[4] & 0xFF) << 8)
        | pdu[5] & 0xFF;
  }

  private static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static HttpResponse<String> call(TestPlant plant, String method, String path, String body)
      throws Exception {
    return call(plant, method, path, body, TestPlant.TOKEN);
  }

  private static HttpResponse<String> call(
      TestPlant plant, String method, String path, String body, String token) throws Exception {
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
