package io.plantline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.testkit.http.LoopbackHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** HTTP calls the plant-level tests make: authorized GETs as JSON and the console's login. */
public final class DemoHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoHttp() {}

  /** GET with a bearer token; asserts 200 and returns the body as JSON. */
  public static JsonNode getJson(String url, String token) throws Exception {
    HttpResponse<String> response =
        LoopbackHttp.sendForString(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** POSTs a JSON body with a bearer token; the answer, whatever its status. */
  public static HttpResponse<String> postJson(String url, String token, Map<String, ?> body)
      throws Exception {
    return LoopbackHttp.sendForString(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  /** Logs in to the console (base URL without trailing slash) as a demo user; its session token. */
  public static String consoleLogin(String console, PlantDemo.Endpoints endpoints, String user)
      throws Exception {
    HttpResponse<String> login =
        LoopbackHttp.sendForString(
            HttpRequest.newBuilder(URI.create(console + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "username",
                                user,
                                "password",
                                endpoints.consoleLogins().get(user)))))
                .build());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return JSON.readTree(login.body()).path("token").asText();
  }
}
