package io.plantline.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.topic.Topics;
import io.plantline.scheduling.app.SchedulingMain;
import io.plantline.service.http.ApiTokens;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.ProcessLauncher;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SchedulingMain} in its own JVM against the testkit's Kafka and Cassandra, with secrets
 * from a file and the environment: it becomes ready and serves the REST API.
 */
@ExtendWith(EmbeddedServersExtension.class)
class SchedulingMainIT {
  private static final Pattern READY =
      Pattern.compile(Pattern.quote(SchedulingMain.READY_LINE) + ": API http://127.0.0.1:(\\d+)/");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void shouldStartFromTheCommandLineAndServeTheApi(
      KafkaServer kafka, CassandraServer cassandra, @TempDir Path dir) throws Exception {
    kafka.createTopics(2, Topics.WORK_ORDER_COMMANDS, Topics.WORK_ORDER_EVENTS, Topics.ALARMS);
    String secret = "main-it-" + UUID.randomUUID() + UUID.randomUUID();
    Path jwtKey = Files.writeString(dir.resolve("jwt.key"), secret + "\n");
    Path cassandraPassword =
        Files.writeString(
            dir.resolve("cassandra.password"), cassandra.applicationCredentials().password());
    List<String> command =
        new ArrayList<>(
            List.of(
                ForkedJvm.javaExecutable(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                SchedulingMain.class.getName(),
                "--kafka-bootstrap-servers",
                kafka.bootstrapServers(),
                "--kafka-username",
                kafka.clientCredentials().username(),
                "--cassandra-contact-points",
                "127.0.0.1:" + cassandra.contactPoint().getPort(),
                "--cassandra-username",
                cassandra.applicationCredentials().username(),
                "--cassandra-password-file",
                cassandraPassword.toString(),
                "--cassandra-keyspace",
                "workorders_main_it",
                "--http-port",
                "0",
                "--jwt-key-file",
                jwtKey.toString(),
                "--consumer-group",
                "main-it-" + UUID.randomUUID()));
    Path log = dir.resolve("scheduling.log");
    Vertx vertx = Vertx.vertx();
    ChildProcess service =
        ProcessLauncher.start(
            "scheduling",
            command,
            dir,
            log,
            Map.of("PLANTLINE_KAFKA_PASSWORD", kafka.clientCredentials().password()));
    try {
      String base = "http://127.0.0.1:" + awaitReadyLine(service, log);
      assertThat(awaitStatus(base + "/health/ready", 200)).as(Files.readString(log)).isTrue();

      String token =
          ApiTokens.hs256(secret)
              .issue(
                  vertx,
                  new JsonObject()
                      .put("sub", "planner-1")
                      .put("roles", new JsonArray().add("planner")),
                  300);
      JsonObject body =
          new JsonObject()
              .put("siteId", "plant-main")
              .put("assetId", "press-main")
              .put("priority", "HIGH")
              .put("reason", "Replace the filter");
      HttpResponse<String> created =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/work-orders"))
                  .header("Authorization", "Bearer " + token)
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = new JsonObject(created.body()).getString("workOrderId");
      HttpResponse<String> got =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/work-orders/" + id))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(got.body()).getString("status")).isEqualTo("OPEN");
      HttpResponse<String> metrics =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("plantline_workorder_events_published_total");
    } finally {
      service.stop(Duration.ofSeconds(30));
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static int awaitReadyLine(ChildProcess service, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && service.isAlive()) {
      Matcher m = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the service did not start:\n" + Files.readString(log));
  }

  private static boolean awaitStatus(String url, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == status) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
