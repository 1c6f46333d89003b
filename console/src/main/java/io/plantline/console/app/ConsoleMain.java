package io.plantline.console.app;

import io.plantline.console.adapter.in.http.HttpSettings;
import io.plantline.console.adapter.out.http.GatewayScraper;
import io.plantline.console.adapter.out.mqtt.MqttSetpointCommander;
import io.plantline.console.domain.SiteScope;
import io.plantline.console.domain.UserAccount;
import io.plantline.contracts.Ids;
import io.plantline.ingestion.cli.KafkaOptions;
import io.plantline.ingestion.cli.MqttLogin;
import io.plantline.ingestion.cli.OptionException;
import io.plantline.ingestion.cli.Secrets;
import io.plantline.ingestion.kafka.KafkaSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plantline console}: the operator console (web UI and API gateway). Without a subcommand it
 * serves until stopped and prints {@code console on http://HOST:PORT} on stdout once it listens;
 * {@code add-user} writes a user into the users file. Secrets come from files or environment
 * variables, never from the command line. A wrong option value stops start-up with one line naming
 * the option, exit status 2.
 */
@Command(
    name = "plantline console",
    mixinStandardHelpOptions = true,
    description = "Operator web UI and API gateway (JWT login, roles per site, rate limits).",
    subcommands = {AddUserCommand.class, CommandLine.HelpCommand.class})
public final class ConsoleMain implements Callable<Integer> {

  @Option(
      names = "--http-host",
      defaultValue = "${env:PLANTLINE_CONSOLE_HTTP_HOST:-127.0.0.1}",
      description = "bind address (default ${DEFAULT-VALUE})")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "${env:PLANTLINE_CONSOLE_HTTP_PORT:-9480}",
      description = "port, 0 = any free one (default ${DEFAULT-VALUE})")
  String httpPort;

  @Option(
      names = "--users-file",
      defaultValue = "${env:PLANTLINE_CONSOLE_USERS_FILE}",
      description = "JSON users file written by add-user")
  Path usersFile;

  @Option(
      names = "--jwt-key-file",
      defaultValue = "${env:PLANTLINE_CONSOLE_JWT_KEY_FILE}",
      description = "file holding the console's HS256 key for user tokens (at least 32 bytes)")
  Path jwtKeyFile;

  @Option(
      names = "--jwt-key-env",
      description = "name of an environment variable holding that key instead")
  String jwtKeyEnv;

  @Option(
      names = "--previous-jwt-key-file",
      description =
          "during a key rotation: a file holding a previous user-token key, which still verifies"
              + " the tokens it signed (their kid names it) until they expire; repeatable")
  List<Path> previousJwtKeyFiles = new ArrayList<>();

  @Option(
      names = "--service-jwt-key-file",
      defaultValue = "${env:PLANTLINE_JWT_KEY_FILE}",
      description = "file holding the HS256 secret shared with the services (at least 32 bytes)")
  Path serviceKeyFile;

  @Option(
      names = "--service-jwt-key-env",
      description = "name of an environment variable holding that secret instead")
  String serviceKeyEnv;

  @Option(
      names = "--query-api-url",
      defaultValue = "${env:PLANTLINE_QUERY_API_URL}",
      description = "base URL of the ingestion query API, e.g. http://127.0.0.1:9470")
  String queryApiUrl;

  @Option(
      names = "--scheduling-url",
      defaultValue = "${env:PLANTLINE_SCHEDULING_URL}",
      description = "base URL of the scheduling service")
  String schedulingUrl;

  @Option(
      names = "--quality-url",
      defaultValue = "${env:PLANTLINE_QUALITY_URL}",
      description = "base URL of the quality service (optional; without it /api/v1/quality is 503)")
  String qualityUrl;

  @Option(
      names = "--energy-url",
      defaultValue = "${env:PLANTLINE_ENERGY_URL}",
      description = "base URL of the energy service (optional; without it /api/v1/energy is 503)")
  String energyUrl;

  @Option(
      names = "--gateway-metrics-url",
      description =
          "an edge gateway's Prometheus /metrics URL, optionally bound to a site as SITE=URL"
              + " (repeatable)")
  List<String> gatewayUrls = new ArrayList<>();

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(
      names = "--rate-limit",
      defaultValue = "20",
      description = "API requests per second per user (default ${DEFAULT-VALUE})")
  String rateLimit;

  @Option(
      names = "--rate-burst",
      defaultValue = "40",
      description = "API requests a user may make at once (default ${DEFAULT-VALUE})")
  String rateBurst;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "65536",
      description = "largest request body, bytes (default ${DEFAULT-VALUE})")
  String maxBodyBytes;

  @Option(
      names = "--site",
      description = "a site the overview starts with (repeatable; default: the user's sites)")
  List<String> sites = new ArrayList<>();

  @Option(
      names = "--audit-log",
      defaultValue = "console-audit.jsonl",
      description =
          "append-only, hash-chained audit log of every state-changing request and login"
              + " (default: ${DEFAULT-VALUE}; created owner-only)")
  Path auditLog;

  @Option(
      names = "--upstream-timeout",
      defaultValue = "PT10S",
      description = "bound on each exchange with a service, ISO-8601 (default ${DEFAULT-VALUE})")
  String upstreamTimeout;

  @Option(
      names = "--mqtt-url",
      description =
          "the plant MQTT broker, mqtts://host:port (or mqtt://), for operators' setpoints;"
              + " without it the console sends none")
  String mqttUrl;

  @Option(names = "--mqtt-username", description = "the console's broker user (a commander)")
  String mqttUsername;

  @Option(names = "--mqtt-password-file", description = "file holding its password")
  Path mqttPasswordFile;

  @Option(names = "--mqtt-password-env", description = "environment variable holding it")
  String mqttPasswordEnv;

  @Option(names = "--mqtt-ca-file", description = "PEM CA of the broker's certificate")
  Path mqttCaFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, System.out, new PrintWriter(System.err, true)));
  }

  /** Runs a command line; returns the exit status. */
  public static int execute(String[] args, PrintStream out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new ConsoleMain(out));
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          e.getCommandLine()
              .getErr()
              .println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage());
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return commandLine.execute(args);
  }

  private final PrintStream out;

  ConsoleMain(PrintStream out) {
    this.out = out;
  }

  ConsoleMain() {
    this(System.out);
  }

  /**
   * Validates every option.
   *
   * @throws OptionException naming the first wrong option
   */
  ConsoleConfig config(Map<String, String> env) {
    Secrets secrets = new Secrets(env::get);
    int port = OptionException.check("--http-port", () -> Integer.parseInt(httpPort.strip()));
    double rate =
        OptionException.check("--rate-limit", () -> Double.parseDouble(rateLimit.strip()));
    if (!(rate > 0) || rate > 100_000) {
      throw new OptionException("--rate-limit", "must be a number above 0, was " + rateLimit);
    }
    int burst = positive("--rate-burst", rateBurst);
    int body = positive("--max-body-bytes", maxBodyBytes);
    if (body < 1024 || body > 64 * 1024 * 1024) {
      throw new OptionException("--max-body-bytes", "must be 1024..67108864, was " + body);
    }
    for (String site : sites) {
      if (!Ids.isValid(site)) {
        throw new OptionException("--site", "not a site id: " + site);
      }
    }
    HttpSettings http =
        OptionException.check(
            "--http-port",
            () -> new HttpSettings(httpHost, port, rate, burst, body, 10, 10, sites));
    if (usersFile == null) {
      throw new OptionException("--users-file", "missing (write one with add-user)");
    }
    List<UserAccount> users =
        OptionException.check("--users-file", () -> UsersFile.read(usersFile));
    if (users.isEmpty()) {
      throw new OptionException(
          "--users-file", usersFile + " has no users (add one with add-user)");
    }
    String userKey = key(secrets, "--jwt-key-file", jwtKeyFile, "--jwt-key-env", jwtKeyEnv);
    String serviceKey =
        key(
            secrets,
            "--service-jwt-key-file",
            serviceKeyFile,
            "--service-jwt-key-env",
            serviceKeyEnv);
    if (userKey.strip().equals(serviceKey.strip())) {
      throw new OptionException(
          "--jwt-key-file", "the console's key must differ from the services' shared secret");
    }
    List<String> previousKeys = new ArrayList<>();
    for (Path file : previousJwtKeyFiles) {
      String previous = key(secrets, "--previous-jwt-key-file", file, null, null);
      if (previous.strip().equals(serviceKey.strip())) {
        throw new OptionException(
            "--previous-jwt-key-file", "must differ from the services' shared secret");
      }
      previousKeys.add(previous);
    }
    URI query = url("--query-api-url", queryApiUrl);
    URI scheduling = url("--scheduling-url", schedulingUrl);
    URI quality =
        qualityUrl == null || qualityUrl.isBlank() ? null : url("--quality-url", qualityUrl);
    URI energy = energyUrl == null || energyUrl.isBlank() ? null : url("--energy-url", energyUrl);
    List<GatewayScraper.Target> gateways = new ArrayList<>();
    for (String g : gatewayUrls) {
      gateways.add(gateway(g));
    }
    KafkaSettings kafkaSettings = kafka.settings(secrets);
    Duration timeout =
        OptionException.check(
            "--upstream-timeout",
            () -> {
              try {
                Duration d = Duration.parse(upstreamTimeout.strip());
                if (d.toMillis() < 100 || d.compareTo(Duration.ofMinutes(5)) > 0) {
                  throw new IllegalArgumentException("must be from PT0.1S to PT5M");
                }
                return d;
              } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration such as PT10S");
              }
            });
    MqttSetpointCommander.Settings commander = commander(secrets);
    return new ConsoleConfig(
        http,
        users,
        userKey,
        previousKeys,
        serviceKey,
        query,
        scheduling,
        gateways,
        kafkaSettings,
        timeout,
        quality,
        energy,
        auditLog,
        commander);
  }

  /** The MQTT commander's settings, or null without {@code --mqtt-url}. */
  private MqttSetpointCommander.Settings commander(Secrets secrets) {
    if (mqttUrl == null || mqttUrl.isBlank()) {
      return null;
    }
    MqttLogin login =
        MqttLogin.fromOptions(
            mqttUrl,
            mqttUsername,
            mqttPasswordFile,
            mqttPasswordEnv,
            mqttCaFile,
            secrets,
            "the console's broker user");
    return new MqttSetpointCommander.Settings(
        login, "plantline-console-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  public Integer call() throws Exception {
    ConsoleConfig config = config(System.getenv());
    ConsoleServer server = ConsoleServer.start(config);
    String host =
        config.http().host().equals("0.0.0.0") || config.http().host().equals("::")
            ? "127.0.0.1"
            : config.http().host();
    out.println(
        "console on http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + server.port());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    // stopping anyway
                  } finally {
                    stopped.countDown();
                  }
                },
                "console-shutdown"));
    stopped.await();
    return 0;
  }

  private static int positive(String option, String text) {
    int n = OptionException.check(option, () -> Integer.parseInt(text.strip()));
    if (n < 1) {
      throw new OptionException(option, "must be at least 1, was " + text);
    }
    return n;
  }

  private static String key(
      Secrets secrets, String fileOption, Path file, String envOption, String envName) {
    String key =
        secrets
            .optional(fileOption, file, envOption, envName)
            .orElseThrow(
                () -> new OptionException(fileOption, "missing (or give " + envOption + ")"));
    if (key.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      throw new OptionException(fileOption, "the key must be at least 32 bytes");
    }
    return key;
  }

  static URI url(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new OptionException(option, "missing");
    }
    try {
      URI uri = new URI(text.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getQuery() != null
          || uri.getFragment() != null) {
        throw new OptionException(option, "must be an http(s) URL without query, was " + text);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new OptionException(option, "not a URL: " + text);
    }
  }

  static GatewayScraper.Target gateway(String text) {
    String site = null;
    String url = text;
    int eq = text.indexOf('=');
    if (eq > 0 && !text.substring(0, eq).contains(":")) {
      site = text.substring(0, eq);
      url = text.substring(eq + 1);
      if (!Ids.isValid(site) || SiteScope.ALL_SITES.equals(site)) {
        throw new OptionException("--gateway-metrics-url", "not a site id: " + site);
      }
    }
    URI uri = url("--gateway-metrics-url", url);
    int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    return new GatewayScraper.Target(uri.getHost() + ":" + port, site, uri);
  }
}
