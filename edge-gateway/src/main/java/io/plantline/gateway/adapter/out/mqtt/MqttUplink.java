package io.plantline.gateway.adapter.out.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.topic.MqttTopic;
import io.plantline.gateway.app.config.MqttUplinkConfig;
import io.plantline.gateway.forward.Uplink;
import io.plantline.gateway.journal.JournalRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT uplink: QoS 1 publications of telemetry batches, acknowledged to the journal on PUBACK;
 * the gateway's retained BIRTH on connect and DEATH as last will; devices' retained status;
 * reconnection with exponential backoff (1 s doubling to 30 s, with jitter).
 */
public final class MqttUplink extends VerticleBase implements Uplink {
  private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);

  private final MqttUplinkConfig config;
  private final String gatewayId;
  private final String siteId;
  private final long bootEpoch;
  private final Map<String, String> telemetryTopics;
  private final Map<Integer, Runnable> inflight = new ConcurrentHashMap<>();
  // PUBACKs that overtook the completion of their publish() future (both run on this context).
  private final java.util.Set<Integer> earlyAcks = new java.util.HashSet<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final Map<String, Buffer> lastStatus = new ConcurrentHashMap<>();
  private final Map<String, String> statusTopics = new HashMap<>();
  private final List<Runnable> resendCallbacks = new ArrayList<>();
  private volatile boolean connected;
  private MqttClient client;
  private Context ctx;
  private long reconnectDelayMillis = 1000;

  /**
   * @param devices deviceId to areaId, for topic names
   */
  public MqttUplink(
      MqttUplinkConfig config,
      String gatewayId,
      String siteId,
      long bootEpoch,
      Map<String, String> devices) {
    this.config = config;
    this.gatewayId = gatewayId;
    this.siteId = siteId;
    this.bootEpoch = bootEpoch;
    Map<String, String> topics = new HashMap<>();
    devices.forEach(
        (device, area) -> {
          topics.put(device, MqttTopic.telemetry(siteId, area, device).value());
          statusTopics.put(device, MqttTopic.status(siteId, area, device).value());
        });
    this.telemetryTopics = Map.copyOf(topics);
  }

  @Override
  public Future<?> start() {
    ctx = context;
    connect();
    return Future.succeededFuture();
  }

  private void connect() {
    MqttClientOptions options =
        new MqttClientOptions()
            .setClientId("plantline-gateway-" + gatewayId)
            .setUsername(config.username())
            .setPassword(config.password())
            .setCleanSession(true)
            .setKeepAliveInterval((int) config.keepAlive().toSeconds())
            .setMaxInflightQueue(config.maxInflight())
            .setWillFlag(true)
            .setWillTopic(gatewayStatusTopic())
            .setWillMessageBytes(status(gatewayId, DeviceState.DEATH, "connection lost"))
            .setWillQoS(1)
            .setWillRetain(true);
    if (config.tls()) {
      options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      config
          .caFile()
          .ifPresent(
              ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
    }
    client = MqttClient.create(vertx, options);
    client.publishCompletionHandler(this::onPuback);
    client.closeHandler(v -> onClosed());
    client
        .connect(config.port(), config.host())
        .compose(
            ack ->
                client.publish(
                    gatewayStatusTopic(),
                    status(gatewayId, DeviceState.BIRTH, "online"),
                    MqttQoS.AT_LEAST_ONCE,
                    false,
                    true))
        .onSuccess(
            id -> {
              reconnectDelayMillis = 1000;
              lastStatus.forEach(
                  (topic, payload) ->
                      client.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, true));
              connected = true;
              LOG.info("MQTT uplink connected to {}:{}", config.host(), config.port());
            })
        .onFailure(
            e -> {
              LOG.warn(
                  "MQTT uplink cannot connect to {}:{}: {}",
                  config.host(),
                  config.port(),
                  e.getMessage());
              scheduleReconnect();
            });
  }

  private void onClosed() {
    boolean wasConnected = connected;
    connected = false;
    inflight.clear();
    earlyAcks.clear();
    outstanding.set(0);
    resendCallbacks.forEach(Runnable::run);
    if (wasConnected) {
      LOG.warn("MQTT uplink lost its connection; records in flight will be sent again");
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    long jitter = (long) (reconnectDelayMillis * 0.2 * Math.random());
    vertx.setTimer(reconnectDelayMillis + jitter, id -> connect());
    reconnectDelayMillis = Math.min(30_000, reconnectDelayMillis * 2);
  }

  private void onPuback(Integer messageId) {
    Runnable acked = inflight.remove(messageId);
    if (acked == null) {
      earlyAcks.add(messageId);
      return;
    }
    outstanding.decrementAndGet();
    acked.run();
  }

  private void onPublished(int messageId, Runnable acked) {
    if (earlyAcks.remove(messageId)) {
      outstanding.decrementAndGet();
      acked.run();
    } else {
      inflight.put(messageId, acked);
    }
  }

  @Override
  public String name() {
    return "mqtt";
  }

  @Override
  public boolean ready() {
    return connected;
  }

  @Override
  public int room() {
    return config.maxInflight() - outstanding.get();
  }

  @Override
  public void send(JournalRecord record, Runnable acked) {
    String topic = telemetryTopics.get(record.key());
    if (topic == null) {
      LOG.error(
          "no MQTT topic for journal key {}; record {} stays in the journal",
          record.key(),
          record.index());
      return;
    }
    outstanding.incrementAndGet();
    ctx.runOnContext(
        v -> {
          if (!connected) {
            outstanding.decrementAndGet();
            return;
          }
          client
              .publish(topic, Buffer.buffer(record.payload()), MqttQoS.AT_LEAST_ONCE, false, false)
              .onSuccess(messageId -> onPublished(messageId, acked))
              .onFailure(
                  e -> {
                    outstanding.decrementAndGet();
                    resendCallbacks.forEach(Runnable::run);
                  });
        });
  }

  @Override
  public void onResendNeeded(Runnable callback) {
    resendCallbacks.add(callback);
  }

  /** Publishes a device's status (retained), now if connected, and again after each reconnect. */
  public void deviceStatus(String deviceId, DeviceState state, String reason) {
    String topic = statusTopics.get(deviceId);
    Buffer payload = status(deviceId, state, reason);
    lastStatus.put(topic, payload);
    ctx.runOnContext(
        v -> {
          if (connected) {
            client.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, true);
          }
        });
  }

  @Override
  public Future<?> stop() {
    if (client == null || !client.isConnected()) {
      return Future.succeededFuture();
    }
    connected = false;
    return client
        .publish(
            gatewayStatusTopic(),
            status(gatewayId, DeviceState.DEATH, "gateway stopped"),
            MqttQoS.AT_LEAST_ONCE,
            false,
            true)
        .compose(id -> client.disconnect());
  }

  private String gatewayStatusTopic() {
    return MqttTopic.status(siteId, "gateway", gatewayId).value();
  }

  private Buffer status(String deviceId, DeviceState state, String reason) {
    String area = "gateway";
    DeviceStatus status =
        new DeviceStatus(
            UUID.randomUUID(),
            DeviceStatus.SCHEMA_VERSION,
            deviceId,
            siteId,
            statusArea(deviceId, area),
            state,
            bootEpoch,
            Instant.now(),
            reason);
    return Buffer.buffer(Codecs.DEVICE_STATUS.encode(status));
  }

  private String statusArea(String deviceId, String fallback) {
    String topic = statusTopics.get(deviceId);
    return topic == null ? fallback : MqttTopic.parse(topic).areaId();
  }
}
