package io.plantline.console.it;

import io.plantline.console.adapter.in.http.HttpSettings;
import io.plantline.console.adapter.out.http.GatewayScraper;
import io.plantline.console.adapter.out.mqtt.MqttSetpointCommander;
import io.plantline.console.app.ConsoleConfig;
import io.plantline.console.app.ConsoleServer;
import io.plantline.console.domain.PasswordHash;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SiteScope;
import io.plantline.console.domain.UserAccount;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real console started in process for the ITs, with its users, keys and Kafka from the testkit,
 * and HTTP helpers over the testkit's loopback client.
 */
public final class ConsoleHarness implements AutoCloseable {
  /** The users every harness has: name → (role, site). */
  public static final Map<String, String[]> USERS =
      Map.of(
          "viewer", new String[] {"viewer", "site-1"},
          "operator", new String[] {"operator", "site-1"},
          "maintenance", new String[] {"maintenance", "site-1"},
          "admin", new String[] {"admin", "*"},
          "viewer2", new String[] {"viewer", "site-2"},
          "maintenance2", new String[] {"maintenance", "site-2"});

  /** An answer. */
  public record Resp(int status, HttpHeaders headers, String text) {
    public JsonObject json() {
      return new JsonObject(text);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private Path auditDir;
  private Path auditLog;
  private final ConsoleServer server;
  private final String consoleKey;
  private final String base;

  /** A console in front of {@code queryApi} and {@code scheduling}. */
  public ConsoleHarness(
      KafkaServer kafka,
      String serviceSecret,
      String queryApi,
      String scheduling,
      HttpSettings http,
      Duration upstreamTimeout,
      List<GatewayScraper.Target> gateways)
      throws Exception {
    this(kafka, serviceSecret, queryApi, scheduling, null, http, upstreamTimeout, gateways);
  }

  /** A console in front of {@code queryApi}, {@code scheduling} and {@code quality} (or none). */
  public ConsoleHarness(
      KafkaServer kafka,
      String serviceSecret,
      String queryApi,
      String scheduling,
      String quality,
      HttpSettings http,
      Duration upstreamTimeout,
      List<GatewayScraper.Target> gateways)
      throws Exception {
    this(
        kafka, serviceSecret, queryApi, scheduling, quality, null, http, upstreamTimeout, gateways);
  }

  /**
   * A console in front of {@code queryApi}, {@code scheduling}, {@code quality} and {@code energy}
   * (each of the last two may be null: none).
   */
  public ConsoleHarness(
      KafkaServer kafka,
      String serviceSecret,
      String queryApi,
      String scheduling,
      String quality,
      String energy,
      HttpSettings http,
      Duration upstreamTimeout,
      List<GatewayScraper.Target> gateways)
      throws Exception {
    this(
        kafka,
        serviceSecret,
        queryApi,
        scheduling,
        quality,
        energy,
        http,
        upstreamTimeout,
        gateways,
        null);
  }

  /** As above, with an MQTT setpoint commander (or none when null). */
  public ConsoleHarness(
      KafkaServer kafka,
      String serviceSecret,
      String queryApi,
      String scheduling,
      String quality,
      String energy,
      HttpSettings http,
      Duration upstreamTimeout,
      List<GatewayScraper.Target> gateways,
      MqttSetpointCommander.Settings commander)
      throws Exception {
    this(
        kafka,
        serviceSecret,
        queryApi,
        scheduling,
        quality,
        energy,
        http,
        upstreamTimeout,
        gateways,
        commander,
        null);
  }

  /**
   * Another replica of {@code first}'s console: the same user-token key and Kafka, its own port,
   * memory and audit log.
   */
  public static ConsoleHarness replicaOf(
      ConsoleHarness first, KafkaServer kafka, String serviceSecret, String services)
      throws Exception {
    return new ConsoleHarness(
        kafka,
        serviceSecret,
        services,
        services,
        null,
        null,
        defaults(),
        Duration.ofSeconds(2),
        List.of(),
        null,
        first.consoleKey);
  }

  private ConsoleHarness(
      KafkaServer kafka,
      String serviceSecret,
      String queryApi,
      String scheduling,
      String quality,
      String energy,
      HttpSettings http,
      Duration upstreamTimeout,
      List<GatewayScraper.Target> gateways,
      MqttSetpointCommander.Settings commander,
      String userTokenKey)
      throws Exception {
    if (userTokenKey == null) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      consoleKey = HexFormat.of().formatHex(key);
    } else {
      consoleKey = userTokenKey;
    }
    List<UserAccount> users = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    USERS.forEach(
        (name, roleAndSite) ->
            users.add(
                new UserAccount(
                    name,
                    PasswordHash.create(password(name).toCharArray(), random),
                    Set.of(Role.parse(roleAndSite[0])),
                    SiteScope.of(List.of(roleAndSite[1])))));
    KafkaSettings settings =
        KafkaSettings.saslPlain(
            kafka.bootstrapServers(),
            kafka.clientCredentials().username(),
            kafka.clientCredentials().password());
    auditDir = Files.createTempDirectory("console-audit");
    auditLog = auditDir.resolve("console-audit.jsonl");
    server =
        ConsoleServer.start(
            new ConsoleConfig(
                http,
                users,
                consoleKey,
                List.of(),
                serviceSecret,
                URI.create(queryApi),
                URI.create(scheduling),
                gateways,
                settings,
                upstreamTimeout,
                quality == null ? null : URI.create(quality),
                energy == null ? null : URI.create(energy),
                auditLog,
                commander));
    base = "http://127.0.0.1:" + server.port();
  }

  /** Limits as the CLI defaults (but 100 logins a minute from one address), any port. */
  public static HttpSettings defaults() {
    HttpSettings d = ConsoleServer.defaultHttp("127.0.0.1", 0);
    return new HttpSettings(
        d.host(),
        d.port(),
        d.ratePerSecond(),
        d.burst(),
        d.maxBodyBytes(),
        100,
        d.loginFailures(),
        d.defaultSites());
  }

  public static String password(String user) {
    return user + "-password-123";
  }

  public String base() {
    return base;
  }

  public String consoleKey() {
    return consoleKey;
  }

  public ConsoleServer server() {
    return server;
  }

  /** Logs in; returns the token. */
  public String login(String user) throws Exception {
    Resp r =
        post(
            "/api/v1/login",
            null,
            new JsonObject().put("username", user).put("password", password(user)).encode());
    if (r.status() != 200) {
      throw new AssertionError("login of " + user + " answered " + r.status() + " " + r.text());
    }
    return r.json().getString("token");
  }

  public Resp get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(25)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public Resp post(String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(25))
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  /** Sends a request built by the test (any method and headers) to this console. */
  public Resp request(HttpRequest.Builder request) throws Exception {
    return send(request.timeout(Duration.ofSeconds(25)).build());
  }

  private static Resp send(HttpRequest request) throws Exception {
    try {
      HttpResponse<String> r = LoopbackHttp.sendForString(request);
      return new Resp(r.statusCode(), r.headers(), r.body());
    } catch (java.io.IOException e) {
      throw new java.io.IOException(request.method() + " " + request.uri() + ": " + e, e);
    }
  }

  /** The console's audit log file (in a temporary directory deleted on close). */
  public Path auditLog() {
    return auditLog;
  }

  @Override
  public void close() throws Exception {
    server.close();
    Files.deleteIfExists(auditLog);
    Files.deleteIfExists(auditDir);
  }
}
