package io.plantline.testkit.demo;

import io.plantline.testkit.EmbeddedServer;
import io.plantline.testkit.process.ResidentMemory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Prints what the demo started: addresses, logins, start-up time and resident memory. */
final class DemoReport {
  private DemoReport() {}

  static void print(PrintStream out, List<EmbeddedServer> servers, Duration total) {
    out.printf("%nPlantline demo servers (all on loopback), started in %.1f s:%n", seconds(total));
    servers.stream()
        .sorted(Comparator.comparing(EmbeddedServer::name))
        .forEach(server -> printServer(out, server));
    out.printf(
        "%nThis JVM (QuestDB and the Flink MiniCluster run inside it): pid %d, RSS %s%n",
        ProcessHandle.current().pid(), mebibytes(ResidentMemory.ofThisProcess()));
  }

  private static void printServer(PrintStream out, EmbeddedServer server) {
    String process =
        server.pid() > 0
            ? "pid " + server.pid() + ", RSS " + mebibytes(server.residentBytes())
            : "in the demo JVM";
    out.printf(
        "%n  %-10s started in %5.1f s (%s)%n",
        server.name(), seconds(server.startupTime()), process);
    server.addresses().forEach((what, where) -> out.printf("    %-60s %s%n", what, where));
    server
        .credentials()
        .forEach(
            (role, login) ->
                out.printf("    login (%s): %s / %s%n", role, login.username(), login.password()));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static String mebibytes(long bytes) {
    return bytes < 0 ? "unknown" : (bytes / (1024 * 1024)) + " MiB";
  }
}
