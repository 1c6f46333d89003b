package io.plantline.simulators.bench;

import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMaps;
import io.plantline.simulators.adapter.in.modbus.ModbusTcpServer;
import io.plantline.simulators.device.DeviceIdentity;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./plantline bench modbus}: how many 125-register Modbus TCP reads per second the simulator
 * serves on loopback. {@code --devices} simulated devices each listen on their own port; one master
 * connection per device keeps {@code --depth} requests in flight (1, as most masters do, by
 * default). Masters run in the same JVM on their own Vert.x instance, so the figure includes the
 * client's cost on the same 2 cores.
 */
public final class ModbusReadBench {
  private ModbusReadBench() {}

  public static void main(String[] args) throws Exception {
    int devices = intArg(args, "--devices", 200);
    int seconds = intArg(args, "--seconds", 10);
    int depth = intArg(args, "--depth", 1);
    int registers = 125;

    Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      List<ModbusTcpServer> servers = startDevices(serverVertx, devices, registers);
      long tickTimer =
          serverVertx.setPeriodic(
              100,
              id ->
                  servers.forEach(
                      s -> s.devices().values().forEach(d -> d.advance(Duration.ofMillis(100)))));
      List<ReadLoop> loops = new ArrayList<>();
      for (ModbusTcpServer server : servers) {
        loops.add(new ReadLoop(clientVertx, server.host(), server.port(), registers, depth));
      }
      await(Future.all(loops.stream().map(ReadLoop::start).toList()));
      Thread.sleep(2000); // warm-up
      loops.forEach(ReadLoop::resetCounters);
      long begin = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double elapsed = (System.nanoTime() - begin) / 1e9;
      loops.forEach(ReadLoop::stop);
      serverVertx.cancelTimer(tickTimer);
      report(loops, devices, depth, registers, elapsed);
    } finally {
      await(clientVertx.close());
      await(serverVertx.close());
    }
  }

  private static List<ModbusTcpServer> startDevices(Vertx vertx, int count, int registers)
      throws Exception {
    RegisterMap map =
        RegisterMaps.parse(RegisterBankModel.registerMapYaml(registers), "register-bank.yaml");
    List<ModbusTcpServer> servers = new ArrayList<>();
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SimulatedDevice device =
          new SimulatedDevice(
              new DeviceIdentity(
                  String.format("bank-%03d", i), "bench", "bench", "register-bank", 1),
              map,
              new RegisterBankModel(registers),
              Map.of(),
              i);
      ModbusTcpServer server = new ModbusTcpServer("127.0.0.1", 0, Map.of(1, device));
      servers.add(server);
      deployed.add(vertx.deployVerticle(server));
    }
    await(Future.all(deployed));
    return servers;
  }

  private static void report(
      List<ReadLoop> loops, int devices, int depth, int registers, double elapsed) {
    long reads = loops.stream().mapToLong(ReadLoop::completed).sum();
    long errors = loops.stream().mapToLong(ReadLoop::errors).sum();
    long[] latencies =
        loops.stream().flatMapToLong(l -> Arrays.stream(l.latencySample())).sorted().toArray();
    System.out.printf("devices (ports)           %d%n", devices);
    System.out.printf("connections x depth       %d x %d%n", loops.size(), depth);
    System.out.printf("registers per read        %d (function 04)%n", registers);
    System.out.printf("duration                  %.1f s%n", elapsed);
    System.out.printf("reads/s                   %.0f%n", reads / elapsed);
    System.out.printf("registers/s               %.0f%n", reads * registers / elapsed);
    System.out.printf("errors                    %d%n", errors);
    if (latencies.length > 0) {
      System.out.printf(
          "latency p50/p99/max (ms)  %.3f / %.3f / %.3f%n",
          latencies[latencies.length / 2] / 1e6,
          latencies[(int) (latencies.length * 0.99)] / 1e6,
          latencies[latencies.length - 1] / 1e6);
    }
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
