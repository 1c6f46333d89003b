package io.plantline.testkit.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.EmbeddedServer;
import io.plantline.testkit.process.LoopbackPorts;
import io.plantline.testkit.process.ServerStartException;
import io.plantline.testkit.process.WorkDirectory;
import io.questdb.ServerMain;
import io.questdb.log.LogFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QuestDB embedded in this JVM: the time-series store of the demo and the tests. Clients write with
 * influxdb-client-java to the InfluxDB v2 write API ({@code /api/v2/write}) and read back with SQL
 * over HTTP ({@code /exec}). HTTP requires basic authentication with generated credentials.
 *
 * <p>QuestDB accepts InfluxDB line protocol but is not InfluxDB: it has no buckets, organisations,
 * tokens or Flux. Production may point the same client at InfluxDB 2/3 with a token instead.
 */
public final class QuestDbServer implements EmbeddedServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path rootDir;
  private final ServerMain server;
  private final int httpPort;
  private final int pgPort;
  private final Credentials http;
  private final Duration startupTime;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private QuestDbServer(
      Path rootDir,
      ServerMain server,
      int httpPort,
      int pgPort,
      Credentials http,
      Duration startupTime) {
    this.rootDir = rootDir;
    this.server = server;
    this.httpPort = httpPort;
    this.pgPort = pgPort;
    this.http = http;
    this.startupTime = startupTime;
  }

  public static QuestDbServer start() {
    return start(Credentials.generate("plantline"));
  }

  /** Starts QuestDB whose HTTP and PostgreSQL-wire endpoints accept {@code credentials}. */
  public static QuestDbServer start(Credentials credentials) {
    long begin = System.nanoTime();
    Path root = WorkDirectory.create("questdb");
    int httpPort = LoopbackPorts.next();
    int pgPort = LoopbackPorts.next();
    try {
      Path conf = Files.createDirectories(root.resolve("conf"));
      Path logConf = Files.writeString(conf.resolve("log.conf"), logConfig(root));
      routeLogsToFile(logConf);
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(properties(httpPort, pgPort, credentials));
      ServerMain server = ServerMain.create(root.toString(), env);
      server.start();
      server.awaitStartup();
      return new QuestDbServer(
          root, server, httpPort, pgPort, credentials, Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException e) {
      WorkDirectory.delete(root);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      WorkDirectory.delete(root);
      throw new ServerStartException("QuestDB did not start in " + root + ": " + e, e);
    }
  }

  /** server.conf keys as QuestDB reads them from the environment ({@code QDB_} + upper snake). */
  private static Map<String, String> properties(int httpPort, int pgPort, Credentials credentials) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("http.bind.to", "127.0.0.1:" + httpPort);
    props.put("http.user", credentials.username());
    props.put("http.password", credentials.password());
    props.put("http.min.enabled", "false");
    props.put("pg.net.bind.to", "127.0.0.1:" + pgPort);
    props.put("pg.user", credentials.username());
    props.put("pg.password", credentials.password());
    props.put("pg.readonly.user.enabled", "false");
    props.put("line.tcp.enabled", "false");
    props.put("line.udp.enabled", "false");
    props.put("telemetry.enabled", "false");
    props.put("shared.worker.count", "2");
    Map<String, String> env = new LinkedHashMap<>();
    props.forEach((key, value) -> env.put(ServerMain.propertyPathToEnvVarName(key), value));
    return env;
  }

  /**
   * QuestDB's logger is configured once per JVM, from the file named by the system property {@code
   * out}; without it QuestDB logs every line to stdout. The first embedded server's file wins.
   */
  private static synchronized void routeLogsToFile(Path logConf) {
    if (System.getProperty(LogFactory.CONFIG_SYSTEM_PROPERTY) == null) {
      System.setProperty(LogFactory.CONFIG_SYSTEM_PROPERTY, logConf.toString());
    }
  }

  private static String logConfig(Path root) {
    return String.join(
        "\n",
        "writers=file",
        "w.file.class=io.questdb.log.LogFileWriter",
        "w.file.location="
            + root.getParent()
                .resolve("plantline-questdb-" + ProcessHandle.current().pid() + ".log"),
        "w.file.level=INFO,ERROR,CRITICAL,ADVISORY",
        "");
  }

  /** Base URL of the HTTP endpoint: InfluxDB v2 write API, SQL ({@code /exec}) and web console. */
  public String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** JDBC URL of the PostgreSQL wire endpoint. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
  }

  /** Credentials for HTTP basic authentication and the PostgreSQL wire endpoint. */
  public Credentials httpCredentials() {
    return http;
  }

  /** The value of an {@code Authorization} header for {@code credentials}. */
  public static String basicAuthorization(Credentials credentials) {
    String pair = credentials.username() + ":" + credentials.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs SQL through {@code /exec} and returns the rows as column-name to value maps. */
  public List<Map<String, Object>> query(String sql) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    httpUrl() + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
            .header("Authorization", basicAuthorization(http))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "QuestDB answered " + response.statusCode() + " to " + sql + ": " + response.body());
      }
      return rows(JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static List<Map<String, Object>> rows(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.path("columns").forEach(column -> names.add(column.path("name").asText()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode row : body.path("dataset")) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), JSON.convertValue(row.get(i), Object.class));
      }
      rows.add(values);
    }
    return rows;
  }

  /** Waits until the rows written to {@code table} so far are visible to queries. */
  public void awaitTable(String table) {
    server.awaitTable(table);
  }

  @Override
  public String name() {
    return "questdb";
  }

  @Override
  public Map<String, String> addresses() {
    Map<String, String> addresses = new LinkedHashMap<>();
    addresses.put("http (InfluxDB v2 write API /api/v2/write, SQL /exec, console)", httpUrl());
    addresses.put("postgresql wire", jdbcUrl());
    return addresses;
  }

  @Override
  public Map<String, Credentials> credentials() {
    return Map.of("http and pg", http);
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public void close() {
    server.close();
    WorkDirectory.delete(rootDir);
  }
}
