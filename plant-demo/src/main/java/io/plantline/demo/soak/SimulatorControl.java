package io.plantline.demo.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.testkit.http.LoopbackHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulator's control API as the soak uses it: device actions, faults and the ledger. */
final class SimulatorControl {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String token;

  SimulatorControl(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** Applies one action (a JSON object with an {@code action} field) to a device. */
  void act(String deviceId, Map<String, Object> action) {
    try {
      send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/devices/" + deviceId + "/actions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(action))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Injects a transport fault on a device with a probability per request. */
  void fault(String deviceId, String fault, double probability) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("action", "fault");
    action.put("fault", fault);
    action.put("probability", probability);
    act(deviceId, action);
  }

  /** Clears every transport fault of a device. */
  public void clearFaults(String deviceId) {
    act(deviceId, Map.of("action", "clear-faults"));
  }

  /** The served-read ledger: device id to reads served. */
  Map<String, Long> ledger() {
    JsonNode body = JSON.valueToTree(Map.of());
    try {
      body = JSON.readTree(send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/ledger"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Long> served = new LinkedHashMap<>();
    for (JsonNode device : body.path("devices")) {
      served.put(device.path("deviceId").asText(), device.path("served").asLong());
    }
    return served;
  }

  private String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          LoopbackHttp.sendForString(
              request
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(10))
                  .build());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "simulator control answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
