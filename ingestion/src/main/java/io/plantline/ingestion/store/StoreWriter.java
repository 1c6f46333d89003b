package io.plantline.ingestion.store;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.plantline.contracts.topic.Topics;
import io.plantline.ingestion.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One running writer: a Kafka consumer group feeding one store, with its dead-letter producer and
 * metrics. {@link #timeSeries} reads {@code telemetry.raw.v1} into QuestDB/InfluxDB, {@link
 * #history} reads {@code telemetry.raw.v1} and {@code device.status.v1} into Cassandra.
 */
public final class StoreWriter implements AutoCloseable {

  /**
   * Knobs shared by both writers.
   *
   * @param groupPrefix consumer groups are {@code <prefix>-timeseries} and {@code <prefix>-history}
   * @param flushPoints flush after this many points
   * @param flushInterval or after this long
   * @param backoff delays between failed write attempts
   * @param maxPollRecords Kafka {@code max.poll.records}
   * @param consumers consumers (threads) per store in the group; partitions are shared among them
   */
  public record Options(
      String groupPrefix,
      int flushPoints,
      Duration flushInterval,
      Backoff backoff,
      int maxPollRecords,
      int consumers) {

    /** Validates the consumer count. */
    public Options {
      if (consumers < 1 || consumers > 64) {
        throw new IllegalArgumentException("consumers must be 1..64, was " + consumers);
      }
    }

    /** 5,000 points or 100 ms; backoff 100 ms to 5 s. */
    public static Options defaults(String groupPrefix) {
      return new Options(
          groupPrefix,
          20_000,
          Duration.ofMillis(100),
          new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)),
          2_000,
          1);
    }
  }

  private final List<KafkaStoreConsumer> consumers;
  private final StoreSink sink;
  private final DeadLetters deadLetters;
  private final StoreMetrics metrics;
  private final AutoCloseable resource;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private StoreWriter(
      List<KafkaStoreConsumer> consumers,
      StoreSink sink,
      DeadLetters deadLetters,
      StoreMetrics metrics,
      AutoCloseable resource) {
    this.consumers = consumers;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.resource = resource;
  }

  /** Starts the time-series writer. */
  public static StoreWriter timeSeries(
      KafkaSettings kafka, TimeSeriesTarget target, Options options, MeterRegistry registry) {
    return start(
        kafka,
        new TimeSeriesSink(target),
        List.of(Topics.TELEMETRY_RAW),
        options.groupPrefix() + "-timeseries",
        options,
        registry,
        () -> {});
  }

  /**
   * Starts the Cassandra history writer: opens a session, creates the schema, prepares the
   * statements.
   */
  public static StoreWriter history(
      KafkaSettings kafka,
      CassandraSettings cassandra,
      int maxInFlight,
      Options options,
      MeterRegistry registry) {
    CqlSession session = cassandra.openSession();
    try {
      HistorySchema.create(session, cassandra);
      HistorySink sink = new HistorySink(session, cassandra.keyspace(), maxInFlight);
      return start(
          kafka,
          sink,
          List.of(Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS),
          options.groupPrefix() + "-history",
          options,
          registry,
          session);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static StoreWriter start(
      KafkaSettings kafka,
      StoreSink sink,
      List<String> topics,
      String groupId,
      Options options,
      MeterRegistry registry,
      AutoCloseable resource) {
    DeadLetters deadLetters =
        new DeadLetters(
            new KafkaProducer<>(
                kafka.reliableProducerProperties(groupId + "-dlq"),
                new StringSerializer(),
                new ByteArraySerializer()),
            groupId);
    StoreMetrics metrics = new StoreMetrics(registry, sink.name());
    List<KafkaStoreConsumer> loops = new ArrayList<>();
    for (int i = 0; i < options.consumers(); i++) {
      var consumerProps = kafka.manualCommitConsumerProperties(groupId);
      consumerProps.put("client.id", groupId + "-" + i);
      consumerProps.put("max.poll.records", options.maxPollRecords());
      KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
      loops.add(
          new KafkaStoreConsumer(
                  consumer,
                  sink,
                  deadLetters,
                  metrics,
                  new KafkaStoreConsumer.Settings(
                      groupId,
                      topics,
                      options.flushPoints(),
                      options.flushInterval(),
                      options.backoff()))
              .start());
    }
    return new StoreWriter(List.copyOf(loops), sink, deadLetters, metrics, resource);
  }

  /** This writer's meters. */
  public StoreMetrics metrics() {
    return metrics;
  }

  /** Whether the consumer has partitions and is not retrying a failed write. */
  public boolean ready() {
    return consumers.stream().allMatch(KafkaStoreConsumer::ready);
  }

  /** Stops the consumer, then closes the sink, the dead-letter producer and the session. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      consumers.parallelStream().forEach(KafkaStoreConsumer::close);
    } finally {
      try {
        sink.close();
        deadLetters.close();
      } finally {
        try {
          resource.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close " + sink.name(), e);
        }
      }
    }
  }
}
