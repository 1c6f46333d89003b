package io.plantline.console.bench;

import io.plantline.console.adapter.in.http.HttpSettings;
import io.plantline.console.domain.Alarms;
import io.plantline.console.it.ConsoleHarness;
import io.plantline.console.it.SseClient;
import io.plantline.console.it.StubServices;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Prints the console's latencies on this machine, sequential requests over loopback (one client):
 * login (PBKDF2), a proxied GET (console + stub service) against the same GET sent to the stub
 * directly, a console-only GET (alarm list), and Kafka → server-sent event for alarm events.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *   io.plantline.console.bench.ConsoleBench [logins] [requests] [alarms]
 * </pre>
 */
public final class ConsoleBench {
  private ConsoleBench() {}

  public static void main(String[] args) throws Exception {
    int logins = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int alarms = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    String secret = "bench-service-secret-" + UUID.randomUUID();
    try (KafkaServer kafka = KafkaServer.start();
        StubServices stub = new StubServices(secret)) {
      kafka.createTopics(
          2, Topics.ALARMS, Topics.ALARM_COMMANDS, Topics.DEVICE_STATUS, Topics.WORK_ORDER_EVENTS);
      stub.workOrder(StubServices.order("wo-1", "site-1", "press-1", null, "OPEN"));
      HttpSettings open =
          new HttpSettings(
              "127.0.0.1", 0, 1e6, 1_000_000, 64 * 1024, 1_000_000, 1_000_000, List.of());
      try (ConsoleHarness console =
          new ConsoleHarness(
              kafka, secret, stub.url(), stub.url(), open, Duration.ofSeconds(5), List.of())) {
        String token = console.login("admin");
        System.out.printf("%-44s %s%n", "what", "p50 / p99 / max ms (n)");
        print("login (PBKDF2-SHA256, 210,000 iterations)", logins, () -> console.login("viewer"));
        warm(() -> console.get("/api/v1/work-orders/wo-1", token), 200);
        print(
            "GET work order through the console",
            requests,
            () -> console.get("/api/v1/work-orders/wo-1", token));
        Vertx vertx = Vertx.vertx();
        String direct =
            JWTAuth.create(
                    vertx,
                    new JWTAuthOptions()
                        .addPubSecKey(
                            new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)))
                .generateToken(
                    new JsonObject().put("sub", "bench").put("roles", List.of("planner")),
                    new JWTOptions().setExpiresInSeconds(3600));
        vertx.close();
        HttpRequest toStub =
            HttpRequest.newBuilder(URI.create(stub.url() + "/api/v1/work-orders/wo-1"))
                .header("Authorization", "Bearer " + direct)
                .build();
        warm(() -> LoopbackHttp.sendForString(toStub), 200);
        print(
            "same GET sent to the stub service directly",
            requests,
            () -> LoopbackHttp.sendForString(toStub));
        print(
            "GET /api/v1/alarms (console only)",
            requests,
            () -> console.get("/api/v1/alarms", token));
        alarmsToStream(kafka, console, token, alarms);
      }
    }
  }

  private static void alarmsToStream(KafkaServer kafka, ConsoleHarness console, String token, int n)
      throws Exception {
    String ticket = console.post("/api/v1/events/ticket", token, null).json().getString("ticket");
    long[] nanos = new long[n];
    try (SseClient sse = new SseClient(console.base() + "/api/v1/events?ticket=" + ticket);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                kafka.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        String id = "alm-bench-" + UUID.randomUUID();
        byte[] value =
            Codecs.ALARM_EVENT.encode(
                Alarms.event(
                    id,
                    "bench-" + (i % 20),
                    "site-1",
                    AlarmState.RAISED,
                    AlarmSeverity.LOW,
                    Instant.now(),
                    Map.of()));
        long t0 = System.nanoTime();
        producer.send(new ProducerRecord<>(Topics.ALARMS, "bench-" + (i % 20), value)).get();
        sse.await(e -> id.equals(e.data().getString("alarmId")), Duration.ofSeconds(30));
        nanos[i] = System.nanoTime() - t0;
      }
    }
    report("alarm on Kafka → server-sent event (acks=all)", nanos);
  }

  private static void warm(Callable<?> call, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      call.call();
    }
  }

  private static void print(String what, int n, Callable<?> call) throws Exception {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      call.call();
      nanos[i] = System.nanoTime() - t0;
    }
    report(what, nanos);
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-44s %.2f / %.2f / %.2f (%d)%n",
        what,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        sorted.length);
  }
}
