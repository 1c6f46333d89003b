package io.plantline.ingestion.it;

import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.concurrent.TimeUnit;

/** Test helper: ends a persistent MQTT session so the shared broker stops queueing for it. */
final class Sessions {
  private Sessions() {}

  /** Connects once as {@code clientId} with a clean session, which discards the stored one. */
  static void discard(MosquittoServer mqtt, String clientId) throws Exception {
    if (mqtt == null) {
      return;
    }
    Vertx vertx = Vertx.vertx();
    try {
      MqttClient client =
          MqttClient.create(
              vertx,
              new MqttClientOptions()
                  .setClientId(clientId)
                  .setCleanSession(true)
                  .setUsername(mqtt.clientCredentials().username())
                  .setPassword(mqtt.clientCredentials().password()));
      client
          .connect(mqtt.port(), mqtt.host())
          .compose(ack -> client.disconnect())
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
