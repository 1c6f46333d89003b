package io.plantline.ingestion.it;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A QoS 1 MQTT publisher for tests: {@link #publish} waits for the broker's PUBACK. */
public final class MqttTestPublisher implements AutoCloseable {
  private final Vertx vertx;
  private final MqttClient client;
  private final Map<Integer, Promise<Void>> awaitingPuback = new ConcurrentHashMap<>();

  public MqttTestPublisher(Vertx vertx, MosquittoServer mqtt) throws Exception {
    this.vertx = vertx;
    this.client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("test-pub-" + UUID.randomUUID().toString().substring(0, 8))
                .setUsername(mqtt.clientCredentials().username())
                .setPassword(mqtt.clientCredentials().password())
                .setMaxInflightQueue(1000));
    client.publishCompletionHandler(
        id -> {
          Promise<Void> p = awaitingPuback.remove(id);
          if (p != null) {
            p.complete();
          }
        });
    client
        .connect(mqtt.port(), mqtt.host())
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  /** Publishes at QoS 1 without waiting. */
  public Future<Void> publishAsync(String topic, byte[] payload) {
    Promise<Void> acked = Promise.promise();
    vertx.runOnContext(
        v ->
            client
                .publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .onSuccess(id -> awaitingPuback.put(id, acked))
                .onFailure(acked::fail));
    return acked.future();
  }

  /** Publishes at QoS 1 and waits for the PUBACK. */
  public void publish(String topic, byte[] payload) throws Exception {
    publishAsync(topic, payload)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
