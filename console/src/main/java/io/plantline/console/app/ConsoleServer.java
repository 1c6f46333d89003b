package io.plantline.console.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.console.adapter.in.http.ConsoleHttpVerticle;
import io.plantline.console.adapter.in.http.HttpSettings;
import io.plantline.console.adapter.in.kafka.ConsoleEventConsumer;
import io.plantline.console.adapter.out.audit.AuditLog;
import io.plantline.console.adapter.out.http.DeviceRegistry;
import io.plantline.console.adapter.out.http.DownstreamTokens;
import io.plantline.console.adapter.out.http.GatewayScraper;
import io.plantline.console.adapter.out.http.Upstream;
import io.plantline.console.adapter.out.kafka.KafkaConsoleSink;
import io.plantline.console.adapter.out.mqtt.MqttSetpointCommander;
import io.plantline.console.domain.AlarmBook;
import io.plantline.console.domain.DeviceDirectory;
import io.plantline.console.domain.SessionRevocations;
import io.plantline.console.domain.UserDirectory;
import io.plantline.ingestion.cli.OpsEndpoints;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running console: its Vert.x instance, HTTP verticle, Kafka consumer thread and producer. Built
 * by {@link #start} from a {@link ConsoleConfig}; {@link #close} stops all of it. Used by {@code
 * ConsoleMain} and by the tests, which start it in process.
 */
public final class ConsoleServer implements AutoCloseable {
  /** Alarms kept in memory. */
  public static final int MAX_ALARMS = 10_000;

  /** Sessions ended by a logout that a replica keeps until they could not have a valid token. */
  static final int MAX_ENDED_SESSIONS = 100_000;

  /** Devices whose site is remembered. */
  public static final int MAX_DEVICES = 100_000;

  /** Newest audit entries the audit API can list. */
  public static final int AUDIT_ENTRIES_SERVED = 10_000;

  /** Largest answer of a service. */
  public static final int MAX_UPSTREAM_RESPONSE = 16 * 1024 * 1024;

  private final Vertx vertx;
  private final ConsoleHttpVerticle http;
  private final ConsoleEventConsumer consumer;
  private final KafkaConsoleSink commands;
  private final AuditLog audit;
  private final MqttSetpointCommander setpoints;

  private ConsoleServer(
      Vertx vertx,
      ConsoleHttpVerticle http,
      ConsoleEventConsumer consumer,
      KafkaConsoleSink commands,
      AuditLog audit,
      MqttSetpointCommander setpoints) {
    this.vertx = vertx;
    this.http = http;
    this.consumer = consumer;
    this.commands = commands;
    this.audit = audit;
    this.setpoints = setpoints;
  }

  /** Starts everything; returns once the HTTP server listens. */
  public static ConsoleServer start(ConsoleConfig config) throws Exception {
    Vertx vertx = Vertx.vertx();
    KafkaConsoleSink commands = null;
    AuditLog audit = null;
    try {
      PrometheusMeterRegistry metrics = OpsEndpoints.registry();
      UserDirectory users = new UserDirectory(config.users());
      AlarmBook alarms = new AlarmBook(MAX_ALARMS);
      DeviceDirectory directory = new DeviceDirectory(MAX_DEVICES);
      HttpClient client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setProtocolVersion(HttpVersion.HTTP_1_1)
                  .setKeepAlive(true)
                  .setConnectTimeout(2_000),
              new PoolOptions().setHttp1MaxSize(16));
      Duration connect = Duration.ofSeconds(2);
      Upstream queryApi =
          new Upstream(
              "query API",
              config.queryApiUrl(),
              client,
              connect,
              config.upstreamTimeout(),
              MAX_UPSTREAM_RESPONSE);
      Upstream scheduling =
          new Upstream(
              "scheduling service",
              config.schedulingUrl(),
              client,
              connect,
              config.upstreamTimeout(),
              MAX_UPSTREAM_RESPONSE);
      Upstream quality =
          config.qualityUrl() == null
              ? null
              : new Upstream(
                  "quality service",
                  config.qualityUrl(),
                  client,
                  connect,
                  config.upstreamTimeout(),
                  MAX_UPSTREAM_RESPONSE);
      Upstream energy =
          config.energyUrl() == null
              ? null
              : new Upstream(
                  "energy service",
                  config.energyUrl(),
                  client,
                  connect,
                  config.upstreamTimeout(),
                  MAX_UPSTREAM_RESPONSE);
      DownstreamTokens downstream = new DownstreamTokens(vertx, config.serviceTokenKey());
      DeviceRegistry registry =
          new DeviceRegistry(
              queryApi, downstream, directory, Duration.ofSeconds(5), System::nanoTime);
      GatewayScraper gateways =
          new GatewayScraper(
              config.gateways(), client, Duration.ofSeconds(3), Duration.ofSeconds(2));
      commands =
          KafkaConsoleSink.create(
              config.kafka().reliableProducerProperties("plantline-console-commands"));
      audit = AuditLog.open(config.auditLog(), AUDIT_ENTRIES_SERVED);
      MqttSetpointCommander setpoints =
          config.setpointCommander() == null
              ? null
              : MqttSetpointCommander.start(vertx, config.setpointCommander());
      if (setpoints != null) {
        Gauge.builder("plantline.console.setpoints.waiting", setpoints, s -> s.waiting())
            .description("Setpoint commands waiting for their gateway's result")
            .register(metrics);
        Gauge.builder("plantline.console.mqtt.connected", setpoints, s -> s.connected() ? 1.0 : 0.0)
            .description("Whether the setpoint commander is connected to the MQTT broker")
            .register(metrics);
      }
      SessionRevocations revocations = new SessionRevocations(MAX_ENDED_SESSIONS, Instant::now);
      AtomicReference<ConsoleEventConsumer> consumerRef = new AtomicReference<>();
      ConsoleHttpVerticle http =
          new ConsoleHttpVerticle(
              config.http(),
              new ConsoleHttpVerticle.Ports(
                  users,
                  config.userTokenKey(),
                  config.previousUserTokenKeys(),
                  downstream,
                  queryApi,
                  scheduling,
                  registry,
                  directory,
                  alarms,
                  commands,
                  gateways,
                  metrics,
                  () -> consumerRef.get() != null && consumerRef.get().ready(),
                  quality,
                  energy,
                  audit,
                  setpoints,
                  revocations,
                  commands),
              Clock.systemUTC());
      vertx
          .deployVerticle(http)
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      ConsoleEventConsumer consumer =
          ConsoleEventConsumer.create(
              config.kafka().clientProperties(),
              alarms,
              directory,
              http.liveUpdates(),
              revocations,
              metrics);
      consumerRef.set(consumer);
      consumer.start();
      return new ConsoleServer(vertx, http, consumer, commands, audit, setpoints);
    } catch (Exception | Error e) {
      if (commands != null) {
        commands.close();
      }
      if (audit != null) {
        audit.close();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The HTTP port. */
  public int port() {
    return http.actualPort();
  }

  /** Whether the Kafka consumer has partitions assigned. */
  public boolean consuming() {
    return consumer.assigned();
  }

  /** A settings record with the documented defaults for the limits. */
  public static HttpSettings defaultHttp(String host, int port) {
    return new HttpSettings(host, port, 20, 40, 64 * 1024, 10, 10, java.util.List.of());
  }

  @Override
  public void close() throws Exception {
    consumer.close();
    commands.close();
    if (setpoints != null) {
      setpoints
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .completeOnTimeout(null, 5, TimeUnit.SECONDS)
          .join();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    audit.close();
  }
}
