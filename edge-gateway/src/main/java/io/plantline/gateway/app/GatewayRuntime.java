package io.plantline.gateway.app;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.gateway.adapter.in.http.OperationsApi;
import io.plantline.gateway.adapter.in.modbus.ModbusEndpoint;
import io.plantline.gateway.adapter.out.kafka.KafkaUplink;
import io.plantline.gateway.adapter.out.mqtt.MqttUplink;
import io.plantline.gateway.app.config.DeviceConfig;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.gateway.app.config.JournalSettings;
import io.plantline.gateway.forward.Forwarder;
import io.plantline.gateway.forward.Uplink;
import io.plantline.gateway.journal.FsyncPolicy;
import io.plantline.gateway.journal.Journal;
import io.plantline.gateway.journal.JournalConfig;
import io.plantline.gateway.journal.JournalFullException;
import io.plantline.gateway.journal.OverflowPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: Modbus endpoints and pollers, the journal, the forwarder and its uplinks, and
 * the operations API, on a Vert.x instance the caller owns.
 */
public final class GatewayRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);
  private static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(5);
  // Setpoint command ids remembered to answer QoS 1 redeliveries without writing twice.
  private static final int REMEMBERED_COMMANDS = 4096;

  private final GatewayConfig config;
  private final PollTimes pollTimes = new PollTimes(1 << 16);
  private final long bootEpoch;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final Journal journal;
  private final Map<String, ModbusEndpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, DevicePoller> pollers = new LinkedHashMap<>();
  private final List<Uplink> uplinks = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private final AtomicLong rejected = new AtomicLong();
  private MqttUplink mqtt;
  private KafkaUplink kafka;
  private Forwarder forwarder;
  private OperationsApi operations;

  private GatewayRuntime(GatewayConfig config) {
    this.config = config;
    this.bootEpoch = System.currentTimeMillis();
    this.journal = Journal.open(journalConfig(config.journal()));
    metrics.bindJournal(journal);
  }

  private static JournalConfig journalConfig(JournalSettings s) {
    return new JournalConfig(
        s.directory(),
        s.maxBytes(),
        s.segmentBytes(),
        FsyncPolicy.valueOf(s.fsync().toUpperCase(Locale.ROOT)),
        s.fsyncInterval(),
        OverflowPolicy.valueOf(s.overflow().toUpperCase(Locale.ROOT).replace('-', '_')));
  }

  /** Opens the journal, connects the uplinks, starts polling; writes over HTTP disabled. */
  public static Future<GatewayRuntime> start(Vertx vertx, GatewayConfig config) {
    return start(vertx, config, java.util.Optional.empty());
  }

  /**
   * Opens the journal, connects the uplinks, starts polling.
   *
   * @param writeToken bearer token for HTTP writes (at least 16 characters); empty disables them
   */
  public static Future<GatewayRuntime> start(
      Vertx vertx, GatewayConfig config, java.util.Optional<String> writeToken) {
    GatewayRuntime runtime = new GatewayRuntime(config);
    return runtime.startOn(vertx, writeToken).map(runtime);
  }

  private Future<Void> startOn(Vertx vertx, java.util.Optional<String> writeToken) {
    Map<String, String> areas = new LinkedHashMap<>();
    config.devices().forEach(d -> areas.put(d.deviceId(), d.areaId()));
    List<Future<String>> deploying = new ArrayList<>();
    config
        .mqtt()
        .ifPresent(
            m -> {
              mqtt = new MqttUplink(m, config.gatewayId(), config.siteId(), bootEpoch, areas);
              SetpointCommandHandler commands =
                  new SetpointCommandHandler(
                      areas.keySet(),
                      this::write,
                      mqtt::commandResult,
                      metrics,
                      Clock.systemUTC(),
                      REMEMBERED_COMMANDS);
              mqtt.onCommand(commands::handle);
              uplinks.add(mqtt);
              deploying.add(vertx.deployVerticle(mqtt));
            });
    config
        .kafka()
        .ifPresent(
            k -> {
              kafka = new KafkaUplink(k, config.gatewayId());
              uplinks.add(kafka);
            });
    uplinks.forEach(metrics::bindUplink);
    forwarder =
        new Forwarder(
            journal,
            uplinks,
            config.replayMaxRecordsPerSecond(),
            (index, appendedAt) -> {
              long now = System.currentTimeMillis();
              metrics.acknowledged(now - appendedAt);
              long polledAt = pollTimes.polledAt(index);
              if (polledAt > 0) {
                metrics.pollToAcknowledgement(now - polledAt);
              }
            },
            metrics::uplinkRewound);
    operations =
        new OperationsApi(
            config.httpBind(),
            config.httpPort(),
            this::readiness,
            metrics::scrape,
            writeToken.flatMap(GatewayRuntime::validToken),
            this::write);
    deploying.add(vertx.deployVerticle(operations));
    return Future.all(deploying)
        .map(
            all -> {
              all.<String>list().forEach(deployments::add);
              forwarder.start();
              startPolling(vertx);
              return null;
            });
  }

  private void startPolling(Vertx vertx) {
    TelemetrySink sink = new JournalSink();
    List<DeviceConfig> devices = config.devices();
    for (int i = 0; i < devices.size(); i++) {
      DeviceConfig device = devices.get(i);
      ModbusEndpoint endpoint =
          endpoints.computeIfAbsent(
              device.endpoint(),
              e ->
                  new ModbusEndpoint(
                      device.host(), device.port(), (int) device.timeout().toMillis()));
      DevicePoller poller =
          new DevicePoller(
              device, config.siteId(), bootEpoch, endpoint, sink, metrics, Clock.systemUTC());
      pollers.put(device.deviceId(), poller);
      poller.start(vertx, i, devices.size());
    }
    LOG.info(
        "gateway {} polls {} devices over {} connections",
        config.gatewayId(),
        pollers.size(),
        endpoints.size());
  }

  /** Journals every batch before anything is sent: the journal is the single source of truth. */
  private final class JournalSink implements TelemetrySink {
    @Override
    public void batch(TelemetryBatch batch) {
      try {
        long index = journal.append(batch.deviceId(), Codecs.TELEMETRY_BATCH.encode(batch));
        pollTimes.record(index, batch.readings().get(0).sourceTime().toEpochMilli());
      } catch (JournalFullException e) {
        rejected.incrementAndGet();
      }
    }

    @Override
    public void status(String deviceId, String areaId, DeviceState state, String reason) {
      LOG.info("device {} is now {}: {}", deviceId, state, reason);
      if (mqtt != null) {
        mqtt.deviceStatus(deviceId, state, reason);
      }
    }
  }

  private JsonObject readiness() {
    boolean workers = endpoints.values().stream().allMatch(ModbusEndpoint::isAlive);
    JsonObject uplinkState = new JsonObject();
    uplinks.forEach(u -> uplinkState.put(u.name(), u.ready()));
    return new JsonObject()
        .put("ready", workers)
        .put("modbusWorkers", workers)
        .put("uplinks", uplinkState)
        .put("backlogRecords", journal.backlogRecords());
  }

  /**
   * Gives connected uplinks up to {@link #DRAIN_TIMEOUT} to acknowledge what is still in flight, so
   * a clean stop does not leave delivered batches in the journal to be sent again after a restart.
   */
  private Boolean drain() throws InterruptedException {
    long end = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (journal.backlogRecords() > 0
        && uplinks.stream().anyMatch(Uplink::ready)
        && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    return journal.backlogRecords() == 0;
  }

  /** A write token shorter than 16 characters counts as none. */
  private static java.util.Optional<String> validToken(String token) {
    if (token.length() < 16) {
      LOG.warn("the write token is shorter than 16 characters: HTTP writes stay disabled");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(token);
  }

  /** Writes a setpoint or command to a device, ahead of its polls. */
  public CompletableFuture<Void> write(String deviceId, String point, double value) {
    DevicePoller poller = pollers.get(deviceId);
    if (poller == null) {
      throw new IllegalArgumentException("no device " + deviceId);
    }
    return poller.write(point, value);
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public Journal journal() {
    return journal;
  }

  public long bootEpoch() {
    return bootEpoch;
  }

  public int httpPort() {
    return operations.port();
  }

  /** Stops polling, sends the gateway's DEATH, closes the journal. */
  public Future<Void> stop(Vertx vertx) {
    pollers.values().forEach(p -> p.stop(vertx));
    endpoints.values().forEach(ModbusEndpoint::close);
    return vertx
        .executeBlocking(this::drain)
        .compose(
            drained -> {
              List<Future<Void>> undeploying = new ArrayList<>();
              deployments.forEach(id -> undeploying.add(vertx.undeploy(id)));
              return Future.all(undeploying);
            })
        .eventually(
            () -> {
              forwarder.close();
              if (kafka != null) {
                kafka.close();
              }
              journal.close();
              return Future.succeededFuture();
            })
        .mapEmpty();
  }
}
