package io.plantline.demo.soak;

import io.plantline.demo.PlantDemo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Injects one fault at a time into the running plant and clears it again. */
final class FaultInjector {
  private static final List<String> MODBUS_FAULTS =
      List.of("garbled-frame", "no-response", "half-open", "drop-connection");

  /**
   * One fault as it happened.
   *
   * @param kind what
   * @param target which process, server or devices
   * @param startedAt when it began
   * @param clearedAt when the faulty part was back (restarted, resumed, faults cleared)
   * @param detail what else is worth knowing (restart times, fault kinds per device)
   */
  record Injected(
      FaultKind kind, String target, Instant startedAt, Instant clearedAt, String detail) {}

  private final PlantDemo demo;
  private final SimulatorControl simulator;
  private final List<String> gateways;
  private final List<String> devices;
  private final Duration cassandraOutage;

  FaultInjector(
      PlantDemo demo,
      SimulatorControl simulator,
      List<String> gateways,
      List<String> devices,
      Duration cassandraOutage) {
    this.demo = demo;
    this.simulator = simulator;
    this.gateways = List.copyOf(gateways);
    this.devices = List.copyOf(devices);
    this.cassandraOutage = cassandraOutage;
  }

  Injected inject(FaultKind kind, long targetSeed) throws InterruptedException {
    Random random = new Random(targetSeed);
    Instant begin = Instant.now();
    return switch (kind) {
      case GATEWAY_KILL -> {
        String gateway = gateways.get(random.nextInt(gateways.size()));
        yield killAndRestart(kind, gateway, begin, Duration.ofSeconds(3));
      }
      case BRIDGE_KILL -> killAndRestart(kind, "bridge", begin, Duration.ofSeconds(2));
      case FLINK_CRASH -> killAndRestart(kind, "anomaly-job", begin, Duration.ofSeconds(2));
      case MQTT_RESTART -> {
        demo.mqtt().stopBroker();
        Thread.sleep(10_000);
        demo.mqtt().startBroker();
        yield new Injected(kind, "mosquitto", begin, Instant.now(), "stopped for 10 s");
      }
      case KAFKA_RESTART -> {
        demo.kafka().stopBroker();
        Thread.sleep(10_000);
        long restart = System.nanoTime();
        demo.kafka().startBroker();
        yield new Injected(
            kind,
            "kafka",
            begin,
            Instant.now(),
            "stopped for 10 s, answered %.1f s after its restart"
                .formatted((System.nanoTime() - restart) / 1e9));
      }
      case CASSANDRA_OUTAGE -> {
        demo.cassandra().pause();
        try {
          Thread.sleep(cassandraOutage.toMillis());
        } finally {
          demo.cassandra().resume();
        }
        yield new Injected(
            kind,
            "cassandra",
            begin,
            Instant.now(),
            "frozen (SIGSTOP) for " + cassandraOutage.toSeconds() + " s");
      }
      case MODBUS_FAULTS -> modbusFaults(random, begin);
    };
  }

  private Injected killAndRestart(FaultKind kind, String component, Instant begin, Duration down)
      throws InterruptedException {
    long pid = demo.process(component).pid();
    demo.kill(component);
    Thread.sleep(down.toMillis());
    Duration ready = demo.restart(component);
    return new Injected(
        kind,
        component,
        begin,
        Instant.now(),
        "SIGKILL of pid %d, down %d s, ready %.1f s after restart"
            .formatted(pid, down.toSeconds(), ready.toMillis() / 1000.0));
  }

  /** Each of the four wire faults on its own device, for 20 s, then cleared. */
  private Injected modbusFaults(Random random, Instant begin) throws InterruptedException {
    List<String> pool = new ArrayList<>(devices);
    List<String> applied = new ArrayList<>();
    for (String fault : MODBUS_FAULTS) {
      String device = pool.remove(random.nextInt(pool.size()));
      simulator.fault(device, fault, fault.equals("garbled-frame") ? 0.5 : 1.0);
      applied.add(device + ":" + fault);
    }
    Thread.sleep(20_000);
    for (String entry : applied) {
      simulator.clearFaults(entry.substring(0, entry.indexOf(':')));
    }
    return new Injected(
        FaultKind.MODBUS_FAULTS,
        String.join(" ", applied),
        begin,
        Instant.now(),
        "20 s each; garbled frames on half the requests");
  }
}
