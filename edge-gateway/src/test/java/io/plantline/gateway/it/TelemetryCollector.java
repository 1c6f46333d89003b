package io.plantline.gateway.it;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Subscribes to all telemetry of a site at QoS 1 with a persistent session, so that what the broker
 * queued while this subscriber was away (a broker restart) still arrives, and keeps the batches per
 * device in arrival order.
 */
final class TelemetryCollector implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final MosquittoServer mqtt;
  private final Map<String, List<TelemetryBatch>> byDevice = new ConcurrentHashMap<>();
  private final String clientId;
  private volatile MqttClient client;

  TelemetryCollector(MosquittoServer mqtt, String clientId) throws Exception {
    this.mqtt = mqtt;
    this.clientId = clientId;
    connect();
  }

  /** (Re)connects with the same persistent session. */
  void connect() throws Exception {
    MqttClient fresh =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(false)
                .setMaxInflightQueue(10_000)
                .setUsername(mqtt.clientCredentials().username())
                .setPassword(mqtt.clientCredentials().password()));
    fresh.publishHandler(
        message -> {
          if (message.topicName().endsWith("/telemetry")) {
            TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(message.payload().getBytes());
            byDevice
                .computeIfAbsent(batch.deviceId(), d -> new CopyOnWriteArrayList<>())
                .add(batch);
          }
        });
    SimulatedPlant.await(fresh.connect(mqtt.port(), mqtt.host()));
    SimulatedPlant.await(
        fresh.subscribe("plantline/v1/site-gw/+/+/telemetry", MqttQoS.AT_LEAST_ONCE.value()));
    client = fresh;
  }

  List<TelemetryBatch> batches(String deviceId) {
    return byDevice.getOrDefault(deviceId, List.of());
  }

  int devices() {
    return byDevice.size();
  }

  long total() {
    return byDevice.values().stream().mapToLong(List::size).sum();
  }

  /** Seq numbers of one device (one boot) in arrival order. */
  List<Long> seqs(String deviceId) {
    List<Long> seqs = new ArrayList<>();
    batches(deviceId).forEach(b -> seqs.add(b.seq()));
    return seqs;
  }

  @Override
  public void close() throws Exception {
    if (client != null && client.isConnected()) {
      SimulatedPlant.await(client.disconnect());
    }
    SimulatedPlant.await(vertx.close());
  }
}
