package io.plantline.ingestion.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import io.plantline.ingestion.bridge.BridgeConfig;
import io.plantline.ingestion.bridge.BridgeMetrics;
import io.plantline.ingestion.bridge.MqttKafkaBridge;
import io.plantline.ingestion.bridge.MqttSubscription;
import io.plantline.ingestion.cli.KafkaOptions;
import io.plantline.ingestion.cli.MqttLogin;
import io.plantline.ingestion.cli.OperationsServer;
import io.plantline.ingestion.cli.OpsEndpoints;
import io.plantline.ingestion.cli.OptionException;
import io.plantline.ingestion.cli.Secrets;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plantline ingest bridge}: runs the MQTT→Kafka bridge until Ctrl-C or SIGTERM. Every option
 * has an environment-variable default; passwords come from a file or a named environment variable,
 * never from the command line.
 */
@Command(
    name = "bridge",
    mixinStandardHelpOptions = true,
    description =
        "Subscribes to device telemetry and status on MQTT, validates, dedups and forwards them to"
            + " Kafka; rejects go to telemetry.dlq.v1.")
public final class BridgeCommand implements Callable<Integer> {

  /** Printed once the bridge runs; scripts and tests wait for it. */
  public static final String READY_LINE = "Plantline MQTT bridge is running";

  @Option(
      names = "--mqtt-url",
      defaultValue = "${env:PLANTLINE_MQTT_URL}",
      description = "mqtt://host:port or mqtts://host:port (env PLANTLINE_MQTT_URL)")
  String mqttUrl;

  @Option(
      names = "--mqtt-username",
      defaultValue = "${env:PLANTLINE_MQTT_USERNAME}",
      description = "MQTT user (env PLANTLINE_MQTT_USERNAME)")
  String mqttUsername;

  @Option(
      names = "--mqtt-password-file",
      defaultValue = "${env:PLANTLINE_MQTT_PASSWORD_FILE}",
      description = "file holding the MQTT password (env PLANTLINE_MQTT_PASSWORD_FILE)")
  Path mqttPasswordFile;

  @Option(
      names = "--mqtt-password-env",
      defaultValue = "PLANTLINE_MQTT_PASSWORD",
      description =
          "name of the environment variable holding the MQTT password (default: ${DEFAULT-VALUE})")
  String mqttPasswordEnv;

  @Option(
      names = "--mqtt-ca-file",
      defaultValue = "${env:PLANTLINE_MQTT_CA_FILE}",
      description = "PEM CA certificate(s) for mqtts:// (env PLANTLINE_MQTT_CA_FILE)")
  Path caFile;

  @Option(
      names = "--client-id",
      defaultValue = "${env:PLANTLINE_BRIDGE_CLIENT_ID:-plantline-bridge-1}",
      description =
          "MQTT client id, stable across restarts (persistent session); default ${DEFAULT-VALUE}"
              + " (env PLANTLINE_BRIDGE_CLIENT_ID)")
  String clientId;

  @Option(
      names = "--subscription",
      defaultValue = "${env:PLANTLINE_BRIDGE_SUBSCRIPTION:-direct}",
      description =
          "direct (plain topic filters; scale out with --site) or shared (an MQTT shared"
              + " subscription; only with a broker that keeps shared subscriptions across restarts,"
              + " which Mosquitto 2.0 does not); default ${DEFAULT-VALUE}"
              + " (env PLANTLINE_BRIDGE_SUBSCRIPTION)")
  String subscription;

  @Option(
      names = "--group",
      defaultValue = "${env:PLANTLINE_BRIDGE_GROUP:-plantline-bridge}",
      description =
          "shared-subscription group (with --subscription shared); default ${DEFAULT-VALUE}"
              + " (env PLANTLINE_BRIDGE_GROUP)")
  String group;

  @Option(
      names = "--site",
      description =
          "subscribe to this site's devices only (one bridge per site); default every site")
  String site;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--http-host",
      defaultValue = "${env:PLANTLINE_BRIDGE_HTTP_HOST:-127.0.0.1}",
      description = "address of /health and /metrics; default ${DEFAULT-VALUE}")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "${env:PLANTLINE_BRIDGE_HTTP_PORT:-9464}",
      description = "port of /health and /metrics, 0 for any; default ${DEFAULT-VALUE}")
  int httpPort;

  @Option(
      names = "--dedup-window",
      defaultValue = "${env:PLANTLINE_BRIDGE_DEDUP_WINDOW:-1024}",
      description = "sequence numbers remembered per source, 64..65536; default ${DEFAULT-VALUE}")
  int dedupWindow;

  @Option(
      names = "--gap-grace",
      defaultValue = "${env:PLANTLINE_BRIDGE_GAP_GRACE:-PT10S}",
      description =
          "how long skipped sequence numbers may take to arrive out of order before a GAP is"
              + " reported (ISO-8601); default ${DEFAULT-VALUE}")
  String gapGrace;

  @Option(
      names = "--dedup-idle-ttl",
      defaultValue = "${env:PLANTLINE_BRIDGE_DEDUP_IDLE_TTL:-PT30M}",
      description =
          "how long an idle device's dedup state is kept (ISO-8601); default ${DEFAULT-VALUE}")
  String dedupIdleTtl;

  @Option(
      names = "--dedup-max-devices",
      defaultValue = "${env:PLANTLINE_BRIDGE_DEDUP_MAX_DEVICES:-100000}",
      description = "the most devices whose dedup state is kept; default ${DEFAULT-VALUE}")
  int maxDevices;

  @Option(
      names = "--test-only-hold-before-kafka-ms",
      hidden = true,
      defaultValue = "0",
      description = "TEST ONLY: delay between MQTT receipt and Kafka send, to widen crash windows")
  long testOnlyHoldMillis;

  UnaryOperator<String> environment = System::getenv;

  /** Validates the options into the bridge's settings; errors name the option. */
  BridgeConfig config() {
    Secrets secrets = new Secrets(environment);
    MqttLogin login =
        MqttLogin.fromOptions(
            mqttUrl,
            mqttUsername,
            mqttPasswordFile,
            mqttPasswordEnv,
            caFile,
            secrets,
            "or set PLANTLINE_MQTT_USERNAME");
    if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
      throw new OptionException("--client-id", "must be 1..128 characters");
    }
    try {
      Ids.require("group", group);
    } catch (ContractViolationException e) {
      throw new OptionException("--group", e.reason());
    }
    KafkaSettings kafkaSettings = kafka.settings(secrets);
    if (httpPort < 0 || httpPort > 65535) {
      throw new OptionException("--http-port", "must be 0..65535, was " + httpPort);
    }
    if (dedupWindow < 64 || dedupWindow > 65536) {
      throw new OptionException("--dedup-window", "must be 64..65536, was " + dedupWindow);
    }
    Duration ttl = isoDuration("--dedup-idle-ttl", dedupIdleTtl, "PT30M");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new OptionException("--dedup-idle-ttl", "must be positive");
    }
    Duration grace = isoDuration("--gap-grace", gapGrace, "PT10S");
    if (grace.isNegative()) {
      throw new OptionException("--gap-grace", "must not be negative");
    }
    if (maxDevices < 1) {
      throw new OptionException("--dedup-max-devices", "must be positive, was " + maxDevices);
    }
    if (testOnlyHoldMillis < 0) {
      throw new OptionException("--test-only-hold-before-kafka-ms", "must not be negative");
    }
    MqttSubscription mqttSubscription;
    try {
      mqttSubscription =
          new MqttSubscription(
              MqttSubscription.Mode.fromName(subscription), group, Optional.ofNullable(site));
    } catch (IllegalArgumentException e) {
      throw new OptionException("--subscription/--group/--site", e.getMessage());
    }
    return new BridgeConfig(
        login.endpoint(),
        login.username(),
        login.password(),
        login.caFile(),
        clientId,
        mqttSubscription,
        kafkaSettings,
        httpHost,
        httpPort,
        dedupWindow,
        grace,
        ttl,
        maxDevices,
        Duration.ofMillis(testOnlyHoldMillis));
  }

  private static Duration isoDuration(String option, String value, String example) {
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new OptionException(
          option, "must be an ISO-8601 duration like " + example + ", was " + value);
    }
  }

  @Override
  public Integer call() throws Exception {
    BridgeConfig config = config();
    PrometheusMeterRegistry registry = OpsEndpoints.registry();
    Vertx vertx = Vertx.vertx();
    MqttKafkaBridge bridge = new MqttKafkaBridge(config, new BridgeMetrics(registry));
    OperationsServer http =
        new OperationsServer(config.httpHost(), config.httpPort(), bridge::ready, registry);
    try {
      vertx
          .deployVerticle(http)
          .compose(id -> vertx.deployVerticle(bridge))
          .toCompletionStage()
          .toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vertx
                      .close()
                      .recover(e -> Future.succeededFuture())
                      .onComplete(r -> stopped.countDown());
                  try {
                    stopped.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "plantline-bridge-shutdown"));
    System.out.printf(
        "%s: %s as %s (%s) -> Kafka %s; operations on http://%s:%d (/health/ready, /metrics)%n",
        READY_LINE,
        config.mqtt(),
        config.clientId(),
        config.subscription(),
        config.kafka().bootstrapServers(),
        config.httpHost(),
        http.port());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
