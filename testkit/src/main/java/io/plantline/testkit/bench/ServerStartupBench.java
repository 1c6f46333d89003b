package io.plantline.testkit.bench;

import io.plantline.testkit.EmbeddedServer;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.flink.FlinkMiniClusterServer;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.ResidentMemory;
import io.plantline.testkit.timeseries.QuestDbServer;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./plantline bench servers}: starts each embedded server alone, one after another, and
 * prints its start-up time (start call until it answered its readiness check with a login), its
 * resident memory once ready, and the time it took to stop. Each server is measured in a fresh JVM;
 * servers running inside that JVM (QuestDB, Flink) are measured as the growth of its resident
 * memory.
 */
public final class ServerStartupBench {
  private static final long MIB = 1024 * 1024;
  private static final Map<String, Supplier<EmbeddedServer>> STARTERS = new LinkedHashMap<>();

  static {
    STARTERS.put("mosquitto", MosquittoServer::start);
    STARTERS.put("kafka", KafkaServer::start);
    STARTERS.put("cassandra", CassandraServer::start);
    STARTERS.put("questdb", QuestDbServer::start);
    STARTERS.put("flink", FlinkMiniClusterServer::start);
  }

  private ServerStartupBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && "--one".equals(args[0])) {
      measure(System.out, args[1]);
      return;
    }
    List<String> names = args.length == 0 ? List.copyOf(STARTERS.keySet()) : List.of(args);
    for (String name : names) {
      if (!STARTERS.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown server " + name + "; known: " + STARTERS.keySet());
      }
    }
    System.out.printf(
        "%-10s %10s %10s %12s %8s  %s%n",
        "server", "startup_s", "rss_mib", "jvm_rss_mib", "stop_s", "process");
    for (String name : names) {
      runInFreshJvm(name);
    }
  }

  /** Each server gets a JVM of its own, so in-JVM servers are not measured on top of another. */
  private static void runInFreshJvm(String name) throws Exception {
    Process child =
        new ProcessBuilder(
                ForkedJvm.javaExecutable(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                ServerStartupBench.class.getName(),
                "--one",
                name)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (child.waitFor() != 0) {
      System.out.printf("%-10s failed with exit code %d%n", name, child.exitValue());
    }
  }

  private static void measure(PrintStream out, String name) {
    long jvmBefore = ResidentMemory.ofThisProcess();
    EmbeddedServer server = STARTERS.get(name).get();
    boolean forked = server.pid() > 0;
    long jvmAfter = ResidentMemory.ofThisProcess();
    long rss = forked ? server.residentBytes() : jvmAfter - jvmBefore;
    long stopBegin = System.nanoTime();
    server.close();
    double stopSeconds = (System.nanoTime() - stopBegin) / 1e9;
    out.printf(
        "%-10s %10.1f %10d %12d %8.1f  %s%n",
        server.name(),
        server.startupTime().toMillis() / 1000.0,
        rss / MIB,
        jvmAfter / MIB,
        stopSeconds,
        forked ? "own (rss_mib = its RSS)" : "in the JVM (rss_mib = JVM RSS growth)");
    out.flush();
  }
}
