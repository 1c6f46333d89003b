package io.plantline.gateway.it;

import static io.plantline.gateway.it.GatewayEndToEndIT.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.testkit.mqtt.MosquittoOptions;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT broker is stopped for 60 s while 50 devices are polled, then restarted: every batch
 * arrives, in order per device, with no seq gap; the only repeats are QoS 1 redeliveries of what
 * was in flight when the broker went down (counted and printed; the plant side dedups them by
 * deviceId, bootEpoch and seq). A second test bounds the journal and checks that the overflow
 * policy drops exactly what it counts.
 */
class BrokerOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int DEVICES = 50;
  // maxInflight in GatewayYaml's MQTT uplink.
  private static final int GATEWAY_MAX_INFLIGHT = 1000;
  // Mosquitto's default max_inflight_messages per subscriber (20), with room to spare: what the
  // broker had sent the test subscriber without its PUBACK when it went down.
  private static final int SUBSCRIBER_REDELIVERIES = 100;

  @Test
  void shouldDeliverEveryBatchInOrderWithoutGapAfterA60SecondOutage(@TempDir Path dir)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start(MosquittoOptions.defaults());
        SimulatedPlant plant =
            new SimulatedPlant(SimulatedPlant.plant("motor", "motor-spindle", DEVICES, 200));
        TelemetryCollector collector = new TelemetryCollector(mqtt, "outage-collector")) {
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .mqtt(
                  mqtt.host(),
                  mqtt.port(),
                  mqtt.clientCredentials().username(),
                  mqtt.clientCredentials().password());
      for (int i = 1; i <= DEVICES; i++) {
        String id = String.format("motor-%03d", i);
        yaml.device(id, plant.port(id), "motor-spindle", "{fast: 500ms, normal: 1s, slow: 5s}");
      }
      GatewayRuntime gateway =
          SimulatedPlant.await(GatewayRuntime.start(vertx, GatewayConfig.load(yaml.write())));
      await().atMost(Duration.ofSeconds(30)).until(() -> collector.devices() == DEVICES);

      mqtt.stopBroker();
      long backlogBefore = gateway.journal().backlogRecords();
      Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a synchronisation
      long backlogDuringOutage = gateway.journal().backlogRecords();
      mqtt.startBroker();
      collector.connect();

      InFlightRange inFlight = new InFlightRange();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                inFlight.sample(gateway.metrics().uplinkInFlight("mqtt"));
                return gateway.journal().backlogRecords() < 200;
              });
      SimulatedPlant.await(gateway.stop(vertx));
      long appended = gateway.journal().appendedRecords();
      long kept = gateway.journal().backlogRecords(); // still journaled for the next start
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> distinctTotal(collector) + kept >= appended);

      assertThat(backlogDuringOutage - backlogBefore)
          .as("batches journaled during the outage")
          .isGreaterThan(DEVICES * 60L);
      assertThat(gateway.journal().droppedRecords()).isZero();
      assertThat(inFlight.min).as("in-flight window never negative").isGreaterThanOrEqualTo(0);
      assertThat(inFlight.max)
          .as("in-flight window never past maxInflight")
          .isLessThanOrEqualTo(GATEWAY_MAX_INFLIGHT);
      long duplicates = 0;
      long distinct = 0;
      for (int i = 1; i <= DEVICES; i++) {
        List<Long> seqs = collector.seqs(String.format("motor-%03d", i));
        List<Long> unique = seqs.stream().distinct().toList();
        // First arrivals in arrival order: in order and without a gap. Repeats (QoS 1
        // redeliveries to this subscriber's resumed session, or of the gateway's in-flight
        // messages) come later and are counted below.
        assertThat(unique).as("motor-%03d: in order, no gap", i).isEqualTo(range(0, unique.size()));
        duplicates += seqs.size() - unique.size();
        distinct += unique.size();
      }
      assertThat(distinct)
          .as("nothing arrives that was not journaled")
          .isLessThanOrEqualTo(appended);
      assertThat(distinct + kept)
          .as("every journaled batch arrived or is still journaled for the next start")
          .isGreaterThanOrEqualTo(appended);
      // QoS 1 is at-least-once: a message the broker stored but could not PUBACK before it went
      // down is sent again. Only what was in flight when a connection was lost can repeat: the
      // gateway's publications awaiting PUBACK, and what the broker had sent this subscriber
      // without its PUBACK. The plant side drops repeats by (deviceId, bootEpoch, seq).
      long rewinds = (long) gateway.metrics().uplinkRewinds("mqtt");
      long lostInFlight = (long) gateway.metrics().uplinkLostInFlight("mqtt");
      System.out.printf(
          "outage: %d batches journaled, %d during the outage, %d repeated after it,"
              + " %d rewinds, %d lost in flight, in flight between %.0f and %.0f%n",
          appended,
          backlogDuringOutage - backlogBefore,
          duplicates,
          rewinds,
          lostInFlight,
          inFlight.min,
          inFlight.max);
      assertThat(duplicates)
          .as("repeats, bounded by what was in flight when connections were lost")
          .isLessThanOrEqualTo(lostInFlight + SUBSCRIBER_REDELIVERIES);
      assertThat(lostInFlight).isLessThanOrEqualTo(rewinds * GATEWAY_MAX_INFLIGHT);
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  /** The smallest and largest in-flight count seen while the backlog drained. */
  private static final class InFlightRange {
    private double min = Double.MAX_VALUE;
    private double max = -Double.MAX_VALUE;

    void sample(double value) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }

  private static long distinctTotal(TelemetryCollector collector) {
    long distinct = 0;
    for (int i = 1; i <= DEVICES; i++) {
      distinct += collector.seqs(String.format("motor-%03d", i)).stream().distinct().count();
    }
    return distinct;
  }

  @Test
  void shouldDropExactlyWhatTheOverflowPolicyCountsWhenTheJournalIsFull(@TempDir Path dir)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start(MosquittoOptions.defaults());
        SimulatedPlant plant =
            new SimulatedPlant(SimulatedPlant.plant("motor", "motor-spindle", 10, 100));
        TelemetryCollector collector = new TelemetryCollector(mqtt, "overflow-collector")) {
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .mqtt(
                  mqtt.host(),
                  mqtt.port(),
                  mqtt.clientCredentials().username(),
                  mqtt.clientCredentials().password())
              .journal("interval", "1MiB", "64KiB", "drop-oldest");
      for (int i = 1; i <= 10; i++) {
        String id = String.format("motor-%03d", i);
        yaml.device(
            id, plant.port(id), "motor-spindle", "{fast: 100ms, normal: 100ms, slow: 100ms}");
      }
      mqtt.stopBroker();
      GatewayRuntime gateway =
          SimulatedPlant.await(GatewayRuntime.start(vertx, GatewayConfig.load(yaml.write())));
      await().atMost(Duration.ofSeconds(60)).until(() -> gateway.journal().droppedRecords() > 200);
      assertThat(gateway.journal().backlogBytes())
          .as("the bound holds")
          .isLessThanOrEqualTo(1024 * 1024);

      mqtt.startBroker();
      collector.connect();
      await().atMost(Duration.ofSeconds(60)).until(() -> gateway.journal().backlogRecords() < 50);
      SimulatedPlant.await(gateway.stop(vertx));
      long appended = gateway.journal().appendedRecords();
      long dropped = gateway.journal().droppedRecords();
      long kept = gateway.journal().backlogRecords(); // still journaled for the next start
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> collector.total() + dropped + kept >= appended);

      long missing = appended - collector.total() - kept;
      // drop-oldest drops whole segments; records of a dropped segment that were already handed
      // to the uplink may still arrive, so "dropped" can exceed what is missing, never the reverse.
      assertThat(missing)
          .as("every batch that did not arrive was counted as dropped (no silent loss)")
          .isLessThanOrEqualTo(dropped);
      assertThat(missing).as("the overflow really dropped batches").isPositive();
      System.out.printf(
          "overflow: %d journaled, %d counted dropped, %d missing, %d delivered, %d kept%n",
          appended, dropped, missing, collector.total(), kept);
      for (int i = 1; i <= 10; i++) {
        List<Long> seqs = collector.seqs(String.format("motor-%03d", i));
        assertThat(seqs)
            .as("what survives stays in order without duplicates")
            .isSorted()
            .doesNotHaveDuplicates();
      }
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }
}
