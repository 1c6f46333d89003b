package io.plantline.stream.kafka;

import io.plantline.stream.job.DecodedTelemetry;
import io.plantline.stream.job.EncodedEvent;
import io.plantline.stream.job.RawRecord;
import io.plantline.stream.job.TelemetryDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The job's Kafka source and sinks. Sources read committed data only ({@code read_committed}) and
 * start from the group's committed offsets, else from the earliest; after a restore, Flink's
 * checkpointed offsets win. Sinks are transactional (EXACTLY_ONCE) with a per-sink transactional id
 * prefix: what they write becomes visible to {@code read_committed} consumers only when the
 * checkpoint that covers it completes.
 */
public final class KafkaIo {
  /**
   * Producer transaction timeout: longer than any checkpoint interval we configure, shorter than
   * the broker's {@code transaction.max.timeout.ms} (15 min by default).
   */
  public static final String TRANSACTION_TIMEOUT_MS = Integer.toString(10 * 60 * 1000);

  private KafkaIo() {}

  /**
   * A source of decoded telemetry from {@code topic}: each record is decoded as it is read (bad
   * payloads become dead letters naming {@code groupId}), so the job's watermark strategy sees
   * event time per partition.
   */
  public static KafkaSource<DecodedTelemetry> telemetrySource(
      String bootstrapServers, Properties client, String topic, String groupId) {
    return builder(bootstrapServers, client, topic, groupId, new TelemetryDeserializer(groupId))
        .build();
  }

  /** A source of raw records from {@code topic}. */
  public static KafkaSource<RawRecord> source(
      String bootstrapServers, Properties client, String topic, String groupId) {
    return builder(bootstrapServers, client, topic, groupId, new RawRecordDeserializer()).build();
  }

  private static <T> KafkaSourceBuilder<T> builder(
      String bootstrapServers,
      Properties client,
      String topic,
      String groupId,
      KafkaRecordDeserializationSchema<T> deserializer) {
    return KafkaSource.<T>builder()
        .setBootstrapServers(bootstrapServers)
        .setProperties(client)
        .setProperty("isolation.level", "read_committed")
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(deserializer);
  }

  /** A sink to {@code topic}; {@code transactionalIdPrefix} must be unique per sink and job. */
  public static KafkaSink<EncodedEvent> sink(
      String bootstrapServers,
      Properties client,
      String topic,
      DeliveryGuarantee guarantee,
      String transactionalIdPrefix) {
    Properties producer = new Properties();
    producer.putAll(client);
    producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    return KafkaSink.<EncodedEvent>builder()
        .setBootstrapServers(bootstrapServers)
        .setKafkaProducerConfig(producer)
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setRecordSerializer(new EncodedEventSerializer(topic))
        .build();
  }

  /** Keeps key (UTF-8), value and position of each record. */
  static final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
      out.collect(raw(record));
    }

    static RawRecord raw(ConsumerRecord<byte[], byte[]> record) {
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      return new RawRecord(
          key, record.value(), record.topic(), record.partition(), record.offset());
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
      return TypeInformation.of(RawRecord.class);
    }
  }

  /** Decodes each record into its readings or a dead letter. */
  static final class TelemetryDeserializer
      implements KafkaRecordDeserializationSchema<DecodedTelemetry> {
    private final String consumerGroup;

    TelemetryDeserializer(String consumerGroup) {
      this.consumerGroup = consumerGroup;
    }

    @Override
    public void deserialize(
        ConsumerRecord<byte[], byte[]> record, Collector<DecodedTelemetry> out) {
      out.collect(TelemetryDecoder.decode(RawRecordDeserializer.raw(record), consumerGroup));
    }

    @Override
    public TypeInformation<DecodedTelemetry> getProducedType() {
      return TypeInformation.of(DecodedTelemetry.class);
    }
  }

  /** Writes key, value and headers of an {@link EncodedEvent} to one topic. */
  static final class EncodedEventSerializer
      implements KafkaRecordSerializationSchema<EncodedEvent> {
    private final String topic;

    EncodedEventSerializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        EncodedEvent event, KafkaSinkContext context, Long timestamp) {
      RecordHeaders headers = new RecordHeaders();
      for (Map.Entry<String, String> h : event.headers().entrySet()) {
        headers.add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
      }
      byte[] key = event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8);
      return new ProducerRecord<>(topic, null, timestamp, key, event.value(), headers);
    }
  }
}
