package io.plantline.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the chosen line-up works together on Java 17: Flink's KafkaSource reads the Kafka 4 broker
 * (SASL), events carry event time with out-of-order arrivals, and a keyed CEP pattern runs on the
 * MiniCluster at parallelism 2.
 */
@ExtendWith(EmbeddedServersExtension.class)
class FlinkKafkaLineupIT {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniClusters.extension();

  /** A reading as the job sees it; a record, serialised by Flink as a POJO. */
  public record Reading(String deviceId, long timestamp, double celsius) {
    static Reading parse(String csv) {
      String[] f = csv.split(",");
      return new Reading(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]));
    }
  }

  @Test
  void shouldRaiseOneAlertPerSustainedHighTemperatureRunFromKafkaInEventTime(KafkaServer kafka)
      throws Exception {
    String topic = "testkit.lineup.readings.v1";
    kafka.createTopics(2, topic);
    produce(
        kafka,
        topic,
        List.of(
            // "hot" crosses 80 °C for three readings; one arrives out of order.
            "hot,1000,70.0",
            "hot,3000,82.0",
            "hot,2000,81.0",
            "hot,4000,83.0",
            "hot,5000,60.0",
            // "cool" never does, "flicker" crosses only twice in a row.
            "cool,1000,20.0",
            "cool,2000,21.0",
            "cool,3000,22.0",
            "flicker,1000,81.0",
            "flicker,2000,82.0",
            "flicker,3000,50.0",
            "flicker,4000,90.0"));

    Properties sasl = new Properties();
    kafka.clientProperties().forEach((k, v) -> sasl.setProperty(k, v.toString()));
    KafkaSource<String> source =
        KafkaSource.<String>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setProperties(sasl)
            .setTopics(topic)
            .setGroupId("lineup-it")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setValueOnlyDeserializer(new SimpleStringSchema())
            .build();

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(FlinkMiniClusters.PARALLELISM);
    DataStream<Reading> readings =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-readings")
            .map(Reading::parse)
            .name("parse-reading")
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Reading>forBoundedOutOfOrderness(Duration.ofSeconds(2))
                    .withTimestampAssigner((r, ts) -> r.timestamp())
                    .withIdleness(Duration.ofSeconds(5)))
            .name("event-time");
    Pattern<Reading, Reading> sustainedHigh =
        Pattern.<Reading>begin("high")
            .where(SimpleCondition.of(r -> r.celsius() > 80.0))
            .times(3)
            .consecutive()
            .within(Duration.ofSeconds(10));
    List<String> alerts =
        CEP.pattern(readings.keyBy(Reading::deviceId), sustainedHigh)
            .inEventTime()
            .process(new AlertOnMatch())
            .name("sustained-high-temperature")
            .executeAndCollect(100);

    assertThat(alerts).containsExactly("hot@4000");
  }

  static final class AlertOnMatch extends PatternProcessFunction<Reading, String> {
    @Override
    public void processMatch(Map<String, List<Reading>> match, Context ctx, Collector<String> out) {
      List<Reading> high = match.get("high");
      Reading last = high.get(high.size() - 1);
      out.collect(last.deviceId() + "@" + last.timestamp());
    }
  }

  private static void produce(KafkaServer kafka, String topic, List<String> csvLines)
      throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (String line : csvLines) {
        producer
            .send(new ProducerRecord<>(topic, line.substring(0, line.indexOf(',')), line))
            .get();
      }
    }
  }
}
