package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.kafka.KafkaOptions;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's Kafka uplink against a broker secured as the plant's is: TLS only (a CA of its
 * own), SCRAM-SHA-512 logins, and ACLs that allow nothing unless granted. The gateway's principal
 * may only write {@code telemetry.raw.v1} (and describe it), and that is enough for its idempotent
 * producer.
 */
class GatewayKafkaTlsIT {

  @Test
  void shouldDeliverOverTlsWithScramAndOnlyTheRightToWriteTelemetry(@TempDir Path dir)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try (KafkaServer kafka = KafkaServer.start(KafkaOptions.defaults().withSecurity());
        SimulatedPlant plant =
            new SimulatedPlant(SimulatedPlant.plant("spindle", "motor-spindle", 2, 100))) {
      kafka.createTopics(2, Topics.TELEMETRY_RAW);
      Credentials gateway = Credentials.generate("gw-hall-a");
      kafka.addUser(gateway);
      kafka.allow(
          List.of(allow(gateway, AclOperation.WRITE), allow(gateway, AclOperation.DESCRIBE)));
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .id("gw-hall-a")
              .kafkaTls(
                  kafka.bootstrapServers(),
                  gateway.username(),
                  gateway.password(),
                  kafka.caCertificate().orElseThrow());
      for (int i = 1; i <= 2; i++) {
        String id = "spindle-00" + i;
        yaml.device(id, plant.port(id), "motor-spindle", "{fast: 100ms, normal: 200ms, slow: 1s}");
      }
      GatewayConfig config = GatewayConfig.load(yaml.write());
      assertThat(config.kafka().orElseThrow().tls()).isTrue();
      GatewayRuntime runtime = SimulatedPlant.await(GatewayRuntime.start(vertx, config));
      try {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-kafka-tls");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> devices = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
          consumer.subscribe(List.of(Topics.TELEMETRY_RAW));
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                      TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(record.value());
                      assertThat(record.key()).isEqualTo(batch.deviceId());
                      devices.add(batch.deviceId());
                    }
                    return devices.size() == 2;
                  });
        }
        assertThat(devices).containsExactlyInAnyOrder("spindle-001", "spindle-002");
      } finally {
        SimulatedPlant.await(runtime.stop(vertx));
      }
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  private static AclBinding allow(Credentials user, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(ResourceType.TOPIC, Topics.TELEMETRY_RAW, PatternType.LITERAL),
        new AccessControlEntry("User:" + user.username(), "*", operation, AclPermissionType.ALLOW));
  }
}
