package io.plantline.scheduling.app;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.contracts.topic.Topics;
import io.plantline.scheduling.adapter.in.http.ProductionScheduleRoutes;
import io.plantline.scheduling.adapter.in.http.WorkOrderApiVerticle;
import io.plantline.scheduling.adapter.in.kafka.AlarmClearanceConsumer;
import io.plantline.scheduling.adapter.in.kafka.MaintenancePlanConsumer;
import io.plantline.scheduling.adapter.in.kafka.WorkOrderCommandConsumer;
import io.plantline.scheduling.adapter.in.kafka.WorkOrderEventProjector;
import io.plantline.scheduling.adapter.out.cassandra.CassandraActiveCauseIndex;
import io.plantline.scheduling.adapter.out.cassandra.CassandraAlarmClearances;
import io.plantline.scheduling.adapter.out.cassandra.CassandraEventStore;
import io.plantline.scheduling.adapter.out.cassandra.CassandraMaintenanceWindows;
import io.plantline.scheduling.adapter.out.cassandra.CassandraOutbox;
import io.plantline.scheduling.adapter.out.cassandra.CassandraProjections;
import io.plantline.scheduling.adapter.out.cassandra.CassandraScheduleStore;
import io.plantline.scheduling.adapter.out.cassandra.CassandraWorkOrderQueries;
import io.plantline.scheduling.adapter.out.cassandra.ProjectionSchema;
import io.plantline.scheduling.adapter.out.cassandra.WorkOrderSchema;
import io.plantline.scheduling.adapter.out.kafka.OutboxPublisher;
import io.plantline.scheduling.domain.ClearanceResult;
import io.plantline.scheduling.domain.CommandResult;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import io.plantline.scheduling.domain.production.ProductionPlanner;
import io.plantline.scheduling.domain.production.ProductionSchedules;
import io.plantline.service.http.OpsEndpoints;
import io.plantline.service.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running scheduling service: event-store schema, command intake ({@code
 * workorder.commands.v1}), alarm intake ({@code alarms.v1}), outbox publisher ({@code
 * workorder.events.v1}), projector and the REST API with {@code /health} and {@code /metrics}.
 * {@link #close()} stops them in reverse order.
 */
public final class SchedulingService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulingService.class);
  private static final Duration BACKOFF = Duration.ofSeconds(1);
  private static final Duration SCAN_INTERVAL = Duration.ofSeconds(1);

  private final List<AutoCloseable> running = new ArrayList<>();
  private final WorkOrderCommandConsumer commands;
  private final AlarmClearanceConsumer alarms;
  private final WorkOrderEventProjector projector;
  private final OutboxPublisher publisher;
  private final WorkOrderApiVerticle api;
  private final ScheduleSolverQueue solverQueue;
  private final MaintenancePlanConsumer maintenancePlans;

  /** Versions waiting for the solver at most; more are refused with 503. */
  public static final int SOLVER_QUEUE_CAPACITY = 32;

  private SchedulingService(SchedulingConfig config) throws Exception {
    String ks = config.cassandra().keyspace();
    CqlSession session = config.cassandra().openSession();
    running.add(session);
    try {
      WorkOrderSchema.create(session, ks, config.cassandra().replicationFactor());
      ProjectionSchema.create(session, ks);
      CassandraScheduleStore.create(session, ks);
      CassandraEventStore store = new CassandraEventStore(session, ks);
      WorkOrderCommandHandler handler =
          new WorkOrderCommandHandler(
              store,
              new CassandraActiveCauseIndex(session, ks),
              new CassandraAlarmClearances(session, ks));
      publisher =
          new OutboxPublisher(
                  new CassandraOutbox(session, ks),
                  producer(config.kafka()),
                  Topics.WORK_ORDER_EVENTS,
                  SCAN_INTERVAL,
                  Duration.ofSeconds(30),
                  Clock.systemUTC())
              .start();
      running.add(publisher);
      projector =
          new WorkOrderEventProjector(
                  consumer(config, "projector"),
                  Topics.WORK_ORDER_EVENTS,
                  new CassandraProjections(session, ks, store),
                  BACKOFF,
                  config.concurrency())
              .start();
      running.add(projector);
      commands =
          new WorkOrderCommandConsumer(
                  consumer(config, "commands"),
                  Topics.WORK_ORDER_COMMANDS,
                  handler,
                  r -> {
                    if (r instanceof CommandResult.Applied a) {
                      publisher.appended(a.events());
                    }
                  },
                  BACKOFF,
                  config.concurrency())
              .start();
      running.add(commands);
      alarms =
          new AlarmClearanceConsumer(
                  consumer(config, "alarms"),
                  Topics.ALARMS,
                  handler,
                  r -> {
                    if (r instanceof ClearanceResult.Verified) {
                      publisher.nudge();
                    }
                  },
                  BACKOFF,
                  config.concurrency())
              .start();
      running.add(alarms);
      CassandraWorkOrderQueries queries = new CassandraWorkOrderQueries(session, ks);
      CassandraScheduleStore scheduleStore = new CassandraScheduleStore(session, ks);
      ProductionSchedules schedules =
          new ProductionSchedules(
              scheduleStore,
              new ProductionPlanner(
                  new CassandraMaintenanceWindows(queries),
                  Runtime.getRuntime().availableProcessors()),
              Clock.systemUTC());
      solverQueue = new ScheduleSolverQueue(schedules, SOLVER_QUEUE_CAPACITY).start();
      running.add(solverQueue);
      int recovered = solverQueue.recover(scheduleStore, 1_000);
      if (recovered > 0) {
        LOG.info("queued {} schedule versions left unfinished by the last stop", recovered);
      }
      maintenancePlans =
          new MaintenancePlanConsumer(
                  consumer(config, "maintenance-replan"),
                  Topics.WORK_ORDER_EVENTS,
                  schedules,
                  solverQueue,
                  BACKOFF)
              .start();
      running.add(maintenancePlans);
      PrometheusMeterRegistry registry = registry();
      Vertx vertx = Vertx.vertx();
      running.add(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
      api =
          new WorkOrderApiVerticle(
              config.listen(),
              handler,
              store,
              queries,
              config.tokens(),
              a -> publisher.appended(a.events()),
              Clock.systemUTC(),
              new OpsEndpoints(registry, () -> ready(session)),
              new ProductionScheduleRoutes(schedules, scheduleStore, solverQueue));
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Starts every part; fails (with everything stopped again) if one cannot start. */
  public static SchedulingService start(SchedulingConfig config) throws Exception {
    return new SchedulingService(config);
  }

  /** The port of the REST API. */
  public int apiPort() {
    return api.actualPort();
  }

  /** Commands the Kafka intake handled (any result, redeliveries included) since start. */
  public long commandsHandled() {
    return commands.handledCount();
  }

  /** Commands from Kafka that stored events since start (each command once). */
  public long commandsApplied() {
    return commands.appliedCount();
  }

  /** Events sent to Kafka and acknowledged since start (resends count again). */
  public long eventsPublished() {
    return publisher.publishedCount();
  }

  /** Events applied to the projections since start (redeliveries count again). */
  public long eventsProjected() {
    return projector.appliedCount();
  }

  private Future<Boolean> ready(CqlSession session) {
    boolean consuming =
        commands.isRunning()
            && alarms.isRunning()
            && projector.isRunning()
            && maintenancePlans.isRunning();
    if (!consuming) {
      return Future.succeededFuture(false);
    }
    return Future.fromCompletionStage(
            session.executeAsync("SELECT release_version FROM system.local"))
        .map(rs -> rs.one() != null);
  }

  private PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    counter(registry, "plantline.workorder.commands.handled", commands, c -> c.handledCount());
    counter(registry, "plantline.workorder.commands.applied", commands, c -> c.appliedCount());
    counter(registry, "plantline.workorder.commands.rejected", commands, c -> c.rejectedCount());
    counter(registry, "plantline.workorder.alarm.clearances", alarms, a -> a.clearanceCount());
    counter(registry, "plantline.workorder.alarm.verified", alarms, a -> a.verifiedCount());
    counter(registry, "plantline.workorder.alarm.rejected", alarms, a -> a.rejectedCount());
    counter(registry, "plantline.workorder.events.published", publisher, p -> p.publishedCount());
    counter(registry, "plantline.workorder.events.projected", projector, p -> p.appliedCount());
    counter(registry, "plantline.production.schedules.solved", solverQueue, q -> q.solvedCount());
    counter(registry, "plantline.production.schedules.failed", solverQueue, q -> q.failedCount());
    counter(
        registry,
        "plantline.production.replans.maintenance",
        maintenancePlans,
        m -> m.replanCount());
    io.micrometer.core.instrument.Gauge.builder(
            "plantline.production.solver.queue", solverQueue, q -> q.waiting())
        .register(registry);
    return registry;
  }

  private static <T> void counter(
      PrometheusMeterRegistry registry, String name, T source, ToDoubleFunction<T> count) {
    FunctionCounter.builder(name, source, count).register(registry);
  }

  private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.put("client.id", "plantline-scheduling-outbox");
    props.put("enable.idempotence", true);
    props.put("acks", "all");
    props.put("linger.ms", 5);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(SchedulingConfig config, String role) {
    Map<String, Object> props = config.kafka().clientProperties();
    props.put("group.id", config.consumerGroup() + "." + role);
    props.put("enable.auto.commit", false);
    props.put("auto.offset.reset", "earliest");
    props.put("isolation.level", "read_committed");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Stops the API, the intakes, the projector, the publisher, then closes the session. */
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
