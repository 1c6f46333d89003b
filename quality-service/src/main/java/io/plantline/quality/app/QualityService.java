package io.plantline.quality.app;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.topic.Topics;
import io.plantline.quality.adapter.in.http.QualityApiVerticle;
import io.plantline.quality.adapter.in.kafka.TelemetryIntake;
import io.plantline.quality.adapter.out.cassandra.CassandraChartStore;
import io.plantline.quality.adapter.out.cassandra.QualitySchema;
import io.plantline.quality.adapter.out.kafka.KafkaViolationSink;
import io.plantline.quality.adapter.out.timeseries.QuestDbHistory;
import io.plantline.quality.domain.Characteristic;
import io.plantline.quality.domain.QualityMonitor;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The running quality service: schema, monitor, telemetry intake, violation sink, REST API. */
public final class QualityService implements AutoCloseable {
  private final List<AutoCloseable> running = new ArrayList<>();
  private final QualityApiVerticle api;
  private final TelemetryIntake intake;

  /**
   * Starts every part.
   *
   * @param kafka Kafka
   * @param cassandra Cassandra and the keyspace
   * @param characteristics the charted characteristics
   * @param questDbUrl the time-series store's HTTP URL and its Authorization header
   * @param listen where the API listens
   * @param tokens the API token key
   * @param consumerGroup the Kafka consumer group
   * @param workOrderMinSeverity raised alarms at or above it open a work order
   */
  public QualityService(
      KafkaSettings kafka,
      CassandraSettings cassandra,
      List<Characteristic> characteristics,
      String questDbUrl,
      Optional<String> questDbAuthorization,
      QualityApiVerticle.Listen listen,
      ApiTokens tokens,
      String consumerGroup,
      AlarmSeverity workOrderMinSeverity)
      throws Exception {
    try {
      CqlSession session = cassandra.openSession();
      running.add(session);
      QualitySchema.create(session, cassandra.keyspace(), cassandra.replicationFactor());
      CassandraChartStore store = new CassandraChartStore(session, cassandra.keyspace());
      Map<String, Object> producerProps = kafka.clientProperties();
      producerProps.put("acks", "all");
      producerProps.put("enable.idempotence", true);
      KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
      running.add(producer);
      QualityMonitor monitor =
          new QualityMonitor(
              characteristics,
              store,
              new KafkaViolationSink(
                  producer, KafkaViolationSink.SinkTopics.CONTRACT, workOrderMinSeverity),
              new QuestDbHistory(questDbUrl, questDbAuthorization),
              Clock.systemUTC());
      Map<String, Object> consumerProps = kafka.clientProperties();
      consumerProps.put("group.id", consumerGroup);
      consumerProps.put("enable.auto.commit", false);
      consumerProps.put("auto.offset.reset", "earliest");
      intake =
          new TelemetryIntake(
                  new KafkaConsumer<>(
                      consumerProps, new StringDeserializer(), new ByteArrayDeserializer()),
                  Topics.TELEMETRY_RAW,
                  monitor,
                  Duration.ofSeconds(1),
                  8)
              .start();
      running.add(intake);
      Vertx vertx = Vertx.vertx();
      running.add(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
      io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
          new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
              io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
      TelemetryIntake counted = intake;
      io.micrometer.core.instrument.FunctionCounter.builder(
              "plantline.quality.batches.handled", counted, TelemetryIntake::batchCount)
          .register(registry);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "plantline.quality.subgroups.plotted", counted, TelemetryIntake::pointCount)
          .register(registry);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "plantline.quality.batches.rejected", counted, TelemetryIntake::rejectedCount)
          .register(registry);
      io.plantline.service.http.OpsEndpoints ops =
          new io.plantline.service.http.OpsEndpoints(
              registry,
              () ->
                  counted.isRunning()
                      ? io.vertx.core.Future.fromCompletionStage(
                              session.executeAsync("SELECT release_version FROM system.local"))
                          .map(rs -> rs.one() != null)
                      : io.vertx.core.Future.succeededFuture(false));
      api = new QualityApiVerticle(listen, monitor, store, tokens, ops);
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** The API's port. */
  public int apiPort() {
    return api.actualPort();
  }

  /** Telemetry batches handled since start (redeliveries included). */
  public long batchesHandled() {
    return intake.batchCount();
  }

  /** Subgroups plotted (points written to the read model) since start. */
  public long pointsPlotted() {
    return intake.pointCount();
  }

  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // best effort on shutdown
      }
    }
    running.clear();
  }
}
