package io.plantline.testkit.demo;

import io.plantline.testkit.EmbeddedServer;
import io.plantline.testkit.cassandra.CassandraOptions;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.flink.FlinkMiniClusterServer;
import io.plantline.testkit.kafka.KafkaOptions;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoOptions;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.timeseries.QuestDbServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code ./plantline servers}: starts the five servers on their embedded defaults (Kafka,
 * Mosquitto, Cassandra, QuestDB, Flink MiniCluster), prints their addresses and logins, and runs
 * until Ctrl-C or SIGTERM, when it stops all of them.
 */
public final class DemoServersMain {
  /** Printed once every server answers; tests and scripts wait for this line. */
  public static final String READY_LINE = "Plantline demo servers are ready";

  private final List<EmbeddedServer> started = Collections.synchronizedList(new ArrayList<>());

  public static void main(String[] args) throws Exception {
    Path credentialsFile = Path.of(".plantline", "demo", "credentials.properties");
    for (int i = 0; i < args.length; i++) {
      if ("--credentials-file".equals(args[i]) && i + 1 < args.length) {
        credentialsFile = Path.of(args[++i]);
      } else {
        System.err.println("usage: DemoServersMain [--credentials-file FILE]; unknown: " + args[i]);
        System.exit(2);
      }
    }
    new DemoServersMain().run(DemoCredentials.loadOrCreate(credentialsFile), System.out);
  }

  void run(DemoCredentials logins, PrintStream out) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping Plantline demo servers...");
                  stopAll(out);
                  stopped.countDown();
                },
                "plantline-demo-shutdown"));
    long begin = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<CompletableFuture<EmbeddedServer>> starting =
          List.of(
              // Cassandra is the slowest: start it first, in parallel with the rest.
              startAsync(
                  pool,
                  () ->
                      CassandraServer.start(
                          CassandraOptions.defaults()
                              .withApplication(logins.forServer("cassandra")))),
              startAsync(
                  pool,
                  () ->
                      KafkaServer.start(
                          KafkaOptions.defaults().withClient(logins.forServer("kafka")))),
              startAsync(
                  pool,
                  () ->
                      MosquittoServer.start(
                          MosquittoOptions.defaults()
                              .withUsers(List.of(logins.forServer("mosquitto"))))),
              startAsync(pool, () -> QuestDbServer.start(logins.forServer("questdb"))),
              startAsync(pool, FlinkMiniClusterServer::start));
      CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      out.println("A server failed to start: " + e.getMessage());
      System.exit(1);
    } finally {
      pool.shutdown();
    }
    DemoReport.print(out, started, Duration.ofNanos(System.nanoTime() - begin));
    out.println(READY_LINE + ". Press Ctrl-C to stop them.");
    out.flush();
    stopped.await();
  }

  private CompletableFuture<EmbeddedServer> startAsync(
      ExecutorService pool, Supplier<EmbeddedServer> starter) {
    return CompletableFuture.supplyAsync(
        () -> {
          EmbeddedServer server = starter.get();
          started.add(server);
          return server;
        },
        pool);
  }

  private void stopAll(PrintStream out) {
    List<EmbeddedServer> toStop;
    synchronized (started) {
      toStop = new ArrayList<>(started);
    }
    Collections.reverse(toStop);
    for (EmbeddedServer server : toStop) {
      try {
        server.close();
        out.println("  stopped " + server.name());
      } catch (RuntimeException e) {
        out.println("  " + server.name() + " did not stop cleanly: " + e.getMessage());
      }
    }
    out.flush();
  }
}
