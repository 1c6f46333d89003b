package io.plantline.energy.app;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.contracts.topic.Topics;
import io.plantline.energy.adapter.in.http.EnergyApiVerticle;
import io.plantline.energy.adapter.in.kafka.TelemetryEnergyConsumer;
import io.plantline.energy.adapter.out.cassandra.CassandraEnergyStore;
import io.plantline.energy.adapter.out.cassandra.EnergySchema;
import io.plantline.energy.adapter.out.kafka.EnergyEventPublisher;
import io.plantline.energy.domain.EnergyLedger;
import io.plantline.energy.domain.EnergyReports;
import io.plantline.service.http.OpsEndpoints;
import io.plantline.service.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running energy service: schema, telemetry intake ({@code telemetry.raw.v1}) into the read
 * model, findings to {@code energy.events.v1} and {@code alarms.v1}, and the REST API with {@code
 * /health} and {@code /metrics}. {@link #close()} stops them in reverse order.
 */
public final class EnergyService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EnergyService.class);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private final List<AutoCloseable> running = new ArrayList<>();
  private final TelemetryEnergyConsumer intake;
  private final EnergyEventPublisher publisher;
  private final EnergyApiVerticle api;

  private EnergyService(EnergyConfig config) throws Exception {
    String ks = config.cassandra().keyspace();
    CqlSession session = config.cassandra().openSession();
    running.add(session);
    try {
      EnergySchema.create(session, ks, config.cassandra().replicationFactor());
      CassandraEnergyStore store = new CassandraEnergyStore(session, ks);
      KafkaProducer<String, byte[]> producer = producer(config.kafka());
      running.add(producer);
      publisher = new EnergyEventPublisher(producer, Topics.ENERGY_EVENTS, Topics.ALARMS);
      intake =
          new TelemetryEnergyConsumer(
                  consumer(config),
                  Topics.TELEMETRY_RAW,
                  config.sites(),
                  new EnergyLedger(store),
                  publisher,
                  BACKOFF,
                  config.concurrency())
              .start();
      running.add(intake);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      FunctionCounter.builder("plantline.energy.samples", intake, i -> i.sampleCount())
          .register(registry);
      FunctionCounter.builder("plantline.energy.batches", intake, i -> i.batchCount())
          .register(registry);
      FunctionCounter.builder("plantline.energy.rejected", intake, i -> i.rejectedCount())
          .register(registry);
      FunctionCounter.builder(
              "plantline.energy.events.published", publisher, p -> p.publishedCount())
          .register(registry);
      Vertx vertx = Vertx.vertx();
      running.add(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
      api =
          new EnergyApiVerticle(
              config.listen(),
              config.sites(),
              new EnergyReports(store),
              config.tokens(),
              new OpsEndpoints(registry, () -> ready(session)));
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Starts every part; fails (with everything stopped again) if one cannot start. */
  public static EnergyService start(EnergyConfig config) throws Exception {
    return new EnergyService(config);
  }

  /** The port of the REST API. */
  public int apiPort() {
    return api.actualPort();
  }

  /** Samples recorded since start. */
  public long samplesRecorded() {
    return intake.sampleCount();
  }

  /** Telemetry batches handled since start. */
  public long batchesHandled() {
    return intake.batchCount();
  }

  private Future<Boolean> ready(CqlSession session) {
    if (!intake.isRunning()) {
      return Future.succeededFuture(false);
    }
    return Future.fromCompletionStage(
            session.executeAsync("SELECT release_version FROM system.local"))
        .map(rs -> rs.one() != null);
  }

  private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.put("client.id", "plantline-energy-events");
    props.put("enable.idempotence", true);
    props.put("acks", "all");
    props.put("linger.ms", 5);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(EnergyConfig config) {
    Map<String, Object> props = config.kafka().clientProperties();
    props.put("group.id", config.consumerGroup());
    props.put("enable.auto.commit", false);
    props.put("auto.offset.reset", "earliest");
    props.put("max.poll.records", 2000);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Stops the API, the intake and the producer, then closes the session. */
  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", running.get(i), e.toString());
      }
    }
    running.clear();
  }
}
