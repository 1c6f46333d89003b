package io.plantline.simulators.adapter.out.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.MqttTopic;
import io.plantline.registermap.PointDefinition;
import io.plantline.simulators.device.DeviceIdentity;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.simulators.device.TransportFault;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device that speaks MQTT itself: publishes one {@link TelemetryBatch} per interval (QoS 1) on
 * {@code plantline/v1/{site}/{area}/{device}/telemetry}, a retained BIRTH on connect and a retained
 * DEATH as its last will (also published on a clean stop).
 *
 * <p>Keep-alive pings are sent by this class, so a {@code drop-connection} fault can make the
 * device fall silent like a device that lost power: the broker notices after 1.5 keep-alive
 * intervals and publishes the last will; the device comes back {@link #OFFLINE_AFTER_DROP} later
 * with a new birth. A {@code no-response} fault skips publications.
 */
public final class MqttDeviceSimulator extends VerticleBase {
  static final Duration OFFLINE_AFTER_DROP = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(MqttDeviceSimulator.class);
  private static final int KEEP_ALIVE_SECONDS = 4;

  private final SimulatedDevice device;
  private final MqttBrokerSettings broker;
  private final Duration interval;
  private final long bootEpoch = System.currentTimeMillis();
  private MqttClient client;
  private long seq;
  private long silentUntil;
  private final List<Long> timers = new ArrayList<>();

  public MqttDeviceSimulator(SimulatedDevice device, MqttBrokerSettings broker, Duration interval) {
    this.device = device;
    this.broker = broker;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    timers.add(vertx.setPeriodic(interval.toMillis(), id -> publishTelemetry()));
    timers.add(vertx.setPeriodic(KEEP_ALIVE_SECONDS * 500L, id -> ping()));
    return connect();
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (client == null || !client.isConnected()) {
      return Future.succeededFuture();
    }
    return client
        .publish(
            statusTopic(),
            status(DeviceState.DEATH, "simulator stopped"),
            MqttQoS.AT_LEAST_ONCE,
            false,
            true)
        .compose(id -> client.disconnect());
  }

  private Future<?> connect() {
    MqttClientOptions options =
        new MqttClientOptions()
            .setClientId("plantline-sim-" + device.identity().deviceId())
            .setUsername(broker.username())
            .setPassword(broker.password())
            .setCleanSession(true)
            .setAutoKeepAlive(false)
            .setKeepAliveInterval(KEEP_ALIVE_SECONDS)
            .setWillFlag(true)
            .setWillTopic(statusTopic())
            .setWillMessageBytes(status(DeviceState.DEATH, "connection lost"))
            .setWillQoS(MqttQoS.AT_LEAST_ONCE.value())
            .setWillRetain(true);
    broker
        .caCertificate()
        .ifPresent(
            ca ->
                options
                    .setSsl(true)
                    .setHostnameVerificationAlgorithm("HTTPS")
                    .setTrustOptions(new PemTrustOptions().addCertPath(ca)));
    client = MqttClient.create(vertx, options);
    client.closeHandler(v -> vertx.setTimer(1000, id -> reconnectWhenDue()));
    return client
        .connect(broker.port(), broker.host())
        .compose(
            ack ->
                client.publish(
                    statusTopic(),
                    status(DeviceState.BIRTH, null),
                    MqttQoS.AT_LEAST_ONCE,
                    false,
                    true));
  }

  private void reconnectWhenDue() {
    if (System.currentTimeMillis() < silentUntil) {
      vertx.setTimer(1000, id -> reconnectWhenDue());
      return;
    }
    connect()
        .onFailure(
            e -> {
              LOG.warn(
                  "{}: MQTT reconnect failed: {}", device.identity().deviceId(), e.getMessage());
              vertx.setTimer(5000, id -> reconnectWhenDue());
            });
  }

  private void ping() {
    if (client != null && client.isConnected() && System.currentTimeMillis() >= silentUntil) {
      client.ping();
    }
  }

  private void publishTelemetry() {
    if (client == null || !client.isConnected() || System.currentTimeMillis() < silentUntil) {
      return;
    }
    device.countRequest();
    if (device.strikes(TransportFault.DROP_CONNECTION).isPresent()) {
      silentUntil = System.currentTimeMillis() + OFFLINE_AFTER_DROP.toMillis();
      return;
    }
    if (device.strikes(TransportFault.NO_RESPONSE).isPresent()) {
      return;
    }
    Buffer payload = Buffer.buffer(Codecs.TELEMETRY_BATCH.encode(batch()));
    client.publish(telemetryTopic(), payload, MqttQoS.AT_LEAST_ONCE, false, false);
  }

  private TelemetryBatch batch() {
    Instant now = Instant.now();
    List<BatchReading> readings = new ArrayList<>();
    for (Map.Entry<String, Double> value : device.values().entrySet()) {
      String unit =
          device
              .registerMap()
              .point(value.getKey())
              .map(PointDefinition::unit)
              .filter(u -> !u.isBlank())
              .orElse("1");
      boolean valid = Double.isFinite(value.getValue());
      readings.add(
          new BatchReading(
              value.getKey(),
              valid ? value.getValue() : 0.0,
              unit,
              valid ? Quality.GOOD : Quality.BAD,
              now));
    }
    DeviceIdentity id = device.identity();
    return new TelemetryBatch(
        UUID.randomUUID(),
        TelemetryBatch.SCHEMA_VERSION,
        id.deviceId(),
        id.siteId(),
        id.areaId(),
        bootEpoch,
        seq++,
        now,
        readings);
  }

  private Buffer status(DeviceState state, String reason) {
    DeviceIdentity id = device.identity();
    DeviceStatus status =
        new DeviceStatus(
            UUID.randomUUID(),
            DeviceStatus.SCHEMA_VERSION,
            id.deviceId(),
            id.siteId(),
            id.areaId(),
            state,
            bootEpoch,
            Instant.now(),
            reason);
    return Buffer.buffer(Codecs.DEVICE_STATUS.encode(status));
  }

  private String telemetryTopic() {
    DeviceIdentity id = device.identity();
    return MqttTopic.telemetry(id.siteId(), id.areaId(), id.deviceId()).value();
  }

  private String statusTopic() {
    DeviceIdentity id = device.identity();
    return MqttTopic.status(id.siteId(), id.areaId(), id.deviceId()).value();
  }
}
