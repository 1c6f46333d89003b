package io.plantline.ingestion.bridge;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.ingestion.cli.ReconnectBackoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT side of the bridge: one MQTT 3.1.1 client with a persistent session ({@code
 * cleanSession=false}, stable client id) and manual acknowledgement, subscribed at QoS 1 to the
 * shared telemetry and status filters; reconnection with exponential backoff (1 s doubling to 30 s,
 * with jitter). Each message goes to {@link MessageForwarder}, and its PUBACK is sent only when the
 * forwarder reports that Kafka acknowledged it; a message whose forwarding failed is not
 * acknowledged and the connection is dropped so that the broker redelivers it.
 *
 * <p>Messages in flight are bounded by the broker: MQTT 3.1.1 has no receive maximum, so the
 * broker's per-client in-flight window (Mosquitto {@code max_inflight_messages}, default 20) caps
 * how many unacknowledged messages the bridge holds; the rest wait in the broker's session queue.
 */
public final class MqttKafkaBridge extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MqttKafkaBridge.class);
  private static final int MAX_MESSAGE_BYTES = 1024 * 1024 - 1024;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final long GAP_CHECK_MILLIS = 500;

  private final BridgeConfig config;
  private final BridgeMetrics metrics;
  private MessageForwarder forwarder;
  private KafkaSender sender;
  private MqttClient client;
  private volatile boolean subscribed;
  private volatile boolean kafkaReachable;
  private volatile int inflight;
  private boolean stopping;
  private final ReconnectBackoff backoff =
      new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private long evictionTimer = -1;
  private long gapTimer = -1;

  /**
   * @param config the bridge settings
   * @param metrics where to count
   */
  public MqttKafkaBridge(BridgeConfig config, BridgeMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(
            () ->
                new KafkaSender(
                    config
                        .kafka()
                        .reliableProducerProperties("plantline-bridge-" + config.clientId()),
                    context))
        .compose(
            created -> {
              sender = created;
              SequenceTracker tracker =
                  new SequenceTracker(
                      config.dedupWindow(),
                      config.gapGrace(),
                      config.sourceIdleTtl(),
                      config.maxTrackedDevices());
              forwarder =
                  new MessageForwarder(
                      new PayloadValidator(), tracker, sender, metrics, config.clientId());
              metrics.bindGauges(() -> inflight, tracker::trackedDevices, () -> subscribed);
              evictionTimer =
                  vertx.setPeriodic(30_000, id -> tracker.evictIdle(System.currentTimeMillis()));
              gapTimer =
                  vertx.setPeriodic(
                      GAP_CHECK_MILLIS, id -> forwarder.reportDueGaps(System.currentTimeMillis()));
              probeKafka();
              connect();
              return Future.succeededFuture();
            });
  }

  /** Whether the bridge is subscribed on MQTT and Kafka has answered. */
  public boolean ready() {
    return subscribed && kafkaReachable;
  }

  /** MQTT messages received and not yet acknowledged. */
  public int inflight() {
    return inflight;
  }

  private void probeKafka() {
    sender
        .probe(io.plantline.contracts.topic.Topics.TELEMETRY_RAW)
        .onSuccess(partitions -> kafkaReachable = true)
        .onFailure(
            e -> {
              LOG.warn("Kafka not reachable yet: {}", e.getMessage());
              if (!stopping) {
                vertx.setTimer(5000, id -> probeKafka());
              }
            });
  }

  private void connect() {
    if (stopping) {
      return;
    }
    MqttClientOptions options =
        config
            .login()
            .clientOptions(config.clientId())
            .setCleanSession(false)
            .setMaxMessageSize(MAX_MESSAGE_BYTES);
    options.setAutoAck(false);
    MqttClient connection = MqttClient.create(vertx, options);
    client = connection;
    connection.publishHandler(message -> onMessage(connection, message));
    connection.closeHandler(v -> onClosed(connection));
    connection
        .connect(config.mqtt().port(), config.mqtt().host())
        .compose(
            ack ->
                connection.subscribe(
                    config.subscription().filters().stream()
                        .collect(
                            Collectors.toMap(
                                filter -> filter, filter -> MqttQoS.AT_LEAST_ONCE.value()))))
        .onSuccess(
            id -> {
              subscribed = true;
              backoff.reset();
              LOG.info(
                  "MQTT bridge subscribed on {} as {} ({})",
                  config.mqtt(),
                  config.clientId(),
                  config.subscription());
            })
        .onFailure(
            e -> {
              LOG.warn("MQTT bridge cannot connect to {}: {}", config.mqtt(), e.getMessage());
              if (connection.isConnected()) {
                connection.disconnect();
              } else {
                scheduleReconnect();
              }
            });
  }

  private void onClosed(MqttClient connection) {
    if (connection != client) {
      return;
    }
    boolean was = subscribed;
    subscribed = false;
    if (was && !stopping) {
      LOG.warn("MQTT bridge lost its connection; unacknowledged messages will be redelivered");
    }
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (stopping) {
      return;
    }
    vertx.setTimer(backoff.nextDelayMillis(), id -> connect());
  }

  private void onMessage(MqttClient connection, MqttPublishMessage message) {
    if (stopping) {
      return; // not acknowledged: the broker redelivers it to the next session
    }
    long receivedNanos = System.nanoTime();
    inflight++;
    Runnable process =
        () ->
            forwarder
                .forward(message.topicName(), message.payload().getBytes())
                .onComplete(
                    done -> {
                      inflight--;
                      if (done.succeeded()) {
                        acknowledge(connection, message, receivedNanos);
                      } else {
                        LOG.warn(
                            "not acknowledging a message on {}: {}",
                            message.topicName(),
                            done.cause().toString());
                        kafkaReachable = false;
                        probeKafka();
                        if (connection == client && connection.isConnected()) {
                          connection.disconnect(); // the broker redelivers what was not acked
                        }
                      }
                    });
    long hold = config.holdBeforeKafka().toMillis();
    if (hold > 0) {
      vertx.setTimer(hold, id -> process.run());
    } else {
      process.run();
    }
  }

  private void acknowledge(MqttClient connection, MqttPublishMessage message, long receivedNanos) {
    metrics.receiptToAck(System.nanoTime() - receivedNanos);
    if (message.qosLevel() == MqttQoS.AT_MOST_ONCE) {
      return;
    }
    if (connection == client && connection.isConnected()) {
      message.ack();
    }
    // else: the connection that delivered it is gone; the broker redelivers it and dedup drops it
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (evictionTimer >= 0) {
      vertx.cancelTimer(evictionTimer);
    }
    if (gapTimer >= 0) {
      vertx.cancelTimer(gapTimer);
    }
    Promise<Void> drained = Promise.promise();
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    awaitDrain(drained, deadline);
    return drained
        .future()
        .compose(
            v ->
                client != null && client.isConnected()
                    ? client.disconnect().otherwiseEmpty()
                    : Future.succeededFuture())
        .compose(
            v ->
                sender == null
                    ? Future.succeededFuture()
                    : vertx.executeBlocking(
                        () -> {
                          sender.close(Duration.ofSeconds(10));
                          return null;
                        }));
  }

  private void awaitDrain(Promise<Void> drained, long deadlineNanos) {
    if (inflight == 0 || System.nanoTime() > deadlineNanos) {
      drained.complete();
    } else {
      vertx.setTimer(20, id -> awaitDrain(drained, deadlineNanos));
    }
  }
}
