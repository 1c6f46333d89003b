package io.plantline.gateway.adapter.out.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointResult;
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
import io.vertx.mqtt.messages.MqttSubAckMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT uplink: QoS 1 publications of telemetry batches, acknowledged to the journal on PUBACK;
 * the gateway's retained BIRTH on connect and DEATH as last will; devices' retained status;
 * reconnection with exponential backoff (1 s doubling to 30 s, with jitter).
 */
public final class MqttUplink extends VerticleBase implements Uplink {
  private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
  private static final int STATUS_HEADROOM = 16;
  private static final int QOS_COMMANDS = MqttQoS.AT_LEAST_ONCE.value();

  private final MqttUplinkConfig config;
  private final String gatewayId;
  private final String siteId;
  private final long bootEpoch;
  private final Map<String, String> telemetryTopics;
  // Telemetry published on the current connection and not yet PUBACKed (touched on this context).
  private final Map<Integer, Runnable> inflight = new HashMap<>();
  // PUBACKs that overtook the completion of their publish() future (both run on this context).
  private final Set<Integer> earlyAcks = new HashSet<>();
  // Telemetry handed to send() and not yet settled (PUBACKed, refused, or lost with its
  // connection). Each send() adds exactly one and each record is settled exactly once, so the
  // window can neither leak shut nor open past maxInflight (which made the client refuse
  // publications and the forwarder resend everything in flight: duplicates after an outage).
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong lostInFlight = new AtomicLong();
  // Counts connections; a publication's callbacks only count for the connection it was made on.
  private int connection;
  private final Map<String, Buffer> lastStatus = new ConcurrentHashMap<>();
  private final Map<String, String> statusTopics = new HashMap<>();
  private final Map<String, Integer> commandTopics;
  private final List<Runnable> resendCallbacks = new ArrayList<>();
  private volatile BiConsumer<String, byte[]> commandListener;
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
    Map<String, Integer> commands = new LinkedHashMap<>();
    devices.forEach(
        (device, area) -> {
          topics.put(device, MqttTopic.telemetry(siteId, area, device).value());
          statusTopics.put(device, MqttTopic.status(siteId, area, device).value());
          commands.put(MqttTopic.command(siteId, area, device).value(), QOS_COMMANDS);
        });
    this.telemetryTopics = Map.copyOf(topics);
    this.commandTopics = Map.copyOf(commands);
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
            // Room for the retained status messages besides the telemetry window, so a burst of
            // status after a reconnect never makes the client refuse a telemetry publication.
            .setMaxInflightQueue(config.maxInflight() + STATUS_HEADROOM + statusTopics.size())
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
    int current = ++connection;
    client.publishCompletionHandler(messageId -> onPuback(current, messageId));
    client.publishHandler(
        message -> {
          BiConsumer<String, byte[]> listener = commandListener;
          if (listener != null) {
            listener.accept(message.topicName(), message.payload().getBytes());
          }
        });
    client.subscribeCompletionHandler(this::onSubscribed);
    client.closeHandler(v -> onClosed(current));
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
        .compose(
            id ->
                commandListener == null
                    ? Future.succeededFuture(id)
                    : client.subscribe(commandTopics).map(id))
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

  private void onClosed(int closedConnection) {
    if (closedConnection != connection) {
      return;
    }
    boolean wasConnected = connected;
    connected = false;
    connection++; // late callbacks of the closed connection no longer count
    outstanding.addAndGet(-inflight.size());
    lostInFlight.addAndGet(inflight.size() + earlyAcks.size());
    inflight.clear();
    earlyAcks.clear();
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

  private void onPuback(int ackConnection, Integer messageId) {
    if (ackConnection != connection) {
      return;
    }
    Runnable acked = inflight.remove(messageId);
    if (acked == null) {
      earlyAcks.add(messageId);
      return;
    }
    outstanding.decrementAndGet();
    acked.run();
  }

  private void onPublished(int publishConnection, int messageId, Runnable acked) {
    if (publishConnection != connection) {
      // Its connection closed first: onClosed did not see it in flight, so settle it here; the
      // forwarder resends it from the journal.
      outstanding.decrementAndGet();
    } else if (earlyAcks.remove(messageId)) {
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
  public long lostInFlight() {
    return lostInFlight.get();
  }

  @Override
  public int inFlight() {
    return outstanding.get();
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
          int publishConnection = connection;
          client
              .publish(topic, Buffer.buffer(record.payload()), MqttQoS.AT_LEAST_ONCE, false, false)
              .onSuccess(messageId -> onPublished(publishConnection, messageId, acked))
              .onFailure(
                  e -> {
                    outstanding.decrementAndGet();
                    if (publishConnection == connection) {
                      LOG.warn(
                          "MQTT publication of record {} refused: {}",
                          record.index(),
                          e.getMessage());
                      resendCallbacks.forEach(Runnable::run);
                    }
                  });
        });
  }

  @Override
  public void onResendNeeded(Runnable callback) {
    resendCallbacks.add(callback);
  }

  /**
   * Receives setpoint commands: subscribes, on every connection, to the command topics of this
   * gateway's site, and hands each message (topic, payload) to {@code listener} on this verticle's
   * event loop. Set before the verticle is deployed.
   */
  public void onCommand(BiConsumer<String, byte[]> listener) {
    this.commandListener = listener;
  }

  /**
   * Publishes a setpoint command's result at QoS 1 on the device's {@code command-result} topic;
   * dropped (and logged) while disconnected: the sender sees no result and may send again.
   */
  public void commandResult(SetpointResult result) {
    String area = statusArea(result.deviceId(), "gateway");
    String topic = MqttTopic.commandResult(siteId, area, result.deviceId()).value();
    Buffer payload = Buffer.buffer(Codecs.SETPOINT_RESULT.encode(result));
    ctx.runOnContext(
        v -> {
          if (connected) {
            client.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, false);
          } else {
            LOG.warn("setpoint result {} not published: MQTT disconnected", result.commandId());
          }
        });
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

  /**
   * The broker's answer to the command subscription: a refused topic (SUBACK 0x80, the broker's ACL
   * does not grant it) is logged, since setpoints for that device would never arrive.
   */
  private void onSubscribed(MqttSubAckMessage ack) {
    List<Integer> granted = ack.grantedQoSLevels();
    List<String> requested = new ArrayList<>(commandTopics.keySet());
    for (int i = 0; i < granted.size() && i < requested.size(); i++) {
      if (granted.get(i) == MqttQoS.FAILURE.value()) {
        LOG.error(
            "the broker refused the subscription to {} (not granted to user {}): setpoints for"
                + " that device cannot arrive",
            requested.get(i),
            config.username());
      }
    }
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
