package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Delivery order of the broker the gateways publish to and the bridge reads from, for a subscriber
 * that acknowledges late (the bridge acknowledges a message only once Kafka has it): one publisher
 * numbers its messages on one topic; every message must reach the subscriber, the first delivery of
 * each in publication order.
 *
 * <p>{@link #shouldKeepOrderWhenPublishingGoesOnAfterARestartWithAQueue} is the case the plant soak
 * found: after a broker restart, a persistent session that reconnects with queued messages while
 * publishing goes on received newer messages before older queued ones from Mosquitto 2.0.11 with
 * its default {@code max_inflight_messages 20}; the testkit's broker (like the demo's) therefore
 * runs with {@code max_inflight_messages 0}, which sends every queued message at once, in order.
 */
class BrokerOrderingIT {
  @Test
  void shouldDeliverInPublicationOrderAfterWithheldAcknowledgements() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start()) {
      String user = mqtt.clientCredentials().username();
      String password = mqtt.clientCredentials().password();
      MqttClientOptions subscriberOptions =
          new MqttClientOptions()
              .setClientId("ordering-subscriber")
              .setCleanSession(false)
              .setUsername(user)
              .setPassword(password);
      subscriberOptions.setAutoAck(false);
      MqttClient subscriber = MqttClient.create(vertx, subscriberOptions);
      List<Integer> received = new CopyOnWriteArrayList<>();
      java.util.Random random = new java.util.Random(7);
      List<MqttPublishMessage> held = new ArrayList<>();
      AtomicBoolean holding = new AtomicBoolean(true);
      subscriber.publishHandler(
          m -> {
            received.add(Integer.parseInt(m.payload().toString()));
            if (holding.get()) {
              held.add(m);
            } else {
              // acknowledged after 1..60 ms, so not in the order received (Kafka partitions
              // complete in any order)
              vertx.setTimer(1 + random.nextInt(60), t -> m.ack());
            }
          });
      SimulatedPlant.await(subscriber.connect(mqtt.port(), mqtt.host()));
      SimulatedPlant.await(subscriber.subscribe("ordering/t", 1));
      MqttClient publisher = publisher(vertx, mqtt);
      int total = 600;
      long timer = publishNumbers(vertx, publisher, total, new int[1]);
      Thread.sleep(3000);
      vertx.runOnContext(
          v -> {
            holding.set(false);
            java.util.Collections.shuffle(held, random);
            for (int i = 0; i < held.size(); i++) {
              MqttPublishMessage m = held.get(i);
              vertx.setTimer(1 + i * 3L, t -> m.ack());
            }
          });
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= total);
      vertx.cancelTimer(timer);
      List<Integer> outOfOrder = new ArrayList<>();
      for (int i = 1; i < received.size(); i++) {
        if (received.get(i) < received.get(i - 1)) {
          outOfOrder.add(i);
        }
      }
      assertThat(outOfOrder)
          .as("positions where an older message followed a newer one: %s", received)
          .isEmpty();
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  @Test
  void shouldDeliverInFlightAndQueuedMessagesInOrderAfterABrokerRestart() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start()) {
      String user = mqtt.clientCredentials().username();
      String password = mqtt.clientCredentials().password();
      List<Integer> received = new CopyOnWriteArrayList<>();
      MqttClientOptions holding =
          new MqttClientOptions()
              .setClientId("ordering-subscriber")
              .setCleanSession(false)
              .setUsername(user)
              .setPassword(password);
      holding.setAutoAck(false);
      MqttClient first = MqttClient.create(vertx, holding);
      first.publishHandler(m -> received.add(Integer.parseInt(m.payload().toString())));
      SimulatedPlant.await(first.connect(mqtt.port(), mqtt.host()));
      SimulatedPlant.await(first.subscribe("ordering/t", 1));
      MqttClient publisher = publisher(vertx, mqtt);
      int total = 300;
      for (int n = 0; n < total; n++) {
        SimulatedPlant.await(
            publisher.publish(
                "ordering/t",
                Buffer.buffer(Integer.toString(n)),
                MqttQoS.AT_LEAST_ONCE,
                false,
                false));
      }
      Thread.sleep(500);
      mqtt.stopBroker();
      mqtt.startBroker();
      java.util.Random random = new java.util.Random(7);
      MqttClient second = subscriber(vertx, user, password, received, random);
      SimulatedPlant.await(second.connect(mqtt.port(), mqtt.host()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> new java.util.HashSet<>(received).size() >= total);
      List<Integer> firstSeen = received.stream().distinct().toList();
      List<Integer> sorted = firstSeen.stream().sorted().toList();
      assertThat(firstSeen).as("delivery order after the restart").isEqualTo(sorted);
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  @Test
  void shouldKeepOrderWhenPublishingGoesOnAfterARestartWithAQueue() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start()) {
      String user = mqtt.clientCredentials().username();
      String password = mqtt.clientCredentials().password();
      List<Integer> received = new CopyOnWriteArrayList<>();
      java.util.Random random = new java.util.Random(7);
      MqttClient first = subscriber(vertx, user, password, received, random);
      SimulatedPlant.await(first.connect(mqtt.port(), mqtt.host()));
      SimulatedPlant.await(first.subscribe("ordering/t", 1));
      SimulatedPlant.await(first.disconnect());
      mqtt.stopBroker();
      mqtt.startBroker();
      MqttClient publisher = publisher(vertx, mqtt);
      int total = 1500;
      int[] next = {0};
      long timer = publishNumbers(vertx, publisher, total, next);
      Thread.sleep(2000); // queued for the offline session, then more arrive after it returns
      MqttClient second = subscriber(vertx, user, password, received, random);
      SimulatedPlant.await(second.connect(mqtt.port(), mqtt.host()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> new java.util.HashSet<>(received).size() >= total);
      vertx.cancelTimer(timer);
      List<Integer> firstSeen = received.stream().distinct().toList();
      List<Integer> late = new ArrayList<>();
      int newest = -1;
      for (int n : firstSeen) {
        if (n < newest) {
          late.add(n);
        }
        newest = Math.max(newest, n);
      }
      assertThat(late).as("delivered after a newer one").isEmpty();
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  /**
   * Publishes 0, 1, 2, ... up to {@code total} on the test topic, two every 5 ms; {@code next[0]}
   * is the next number. Returns the timer.
   */
  private static long publishNumbers(Vertx vertx, MqttClient publisher, int total, int[] next) {
    return vertx.setPeriodic(
        5,
        id -> {
          for (int i = 0; i < 2 && next[0] < total; i++) {
            publisher.publish(
                "ordering/t",
                Buffer.buffer(Integer.toString(next[0]++)),
                MqttQoS.AT_LEAST_ONCE,
                false,
                false);
          }
          if (next[0] >= total) {
            vertx.cancelTimer(id);
          }
        });
  }

  private static MqttClient publisher(Vertx vertx, MosquittoServer mqtt) throws Exception {
    MqttClient publisher =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("ordering-publisher")
                .setMaxInflightQueue(10_000)
                .setUsername(mqtt.clientCredentials().username())
                .setPassword(mqtt.clientCredentials().password()));
    SimulatedPlant.await(publisher.connect(mqtt.port(), mqtt.host()));
    return publisher;
  }

  private static MqttClient subscriber(
      Vertx vertx, String user, String password, List<Integer> received, java.util.Random random) {
    MqttClientOptions options =
        new MqttClientOptions()
            .setClientId("ordering-subscriber")
            .setCleanSession(false)
            .setUsername(user)
            .setPassword(password);
    options.setAutoAck(false);
    MqttClient client = MqttClient.create(vertx, options);
    client.publishHandler(
        m -> {
          received.add(Integer.parseInt(m.payload().toString()));
          vertx.setTimer(1 + random.nextInt(60), t -> m.ack());
        });
    return client;
  }
}
