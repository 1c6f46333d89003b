package io.plantline.simulators.app;

import io.plantline.simulators.app.ScenarioFile.ScheduledAction;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives simulated time: every tick of real time it advances every device by {@code tick × speed}
 * and fires the scenario actions that have come due.
 */
final class SimulationEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SimulationEngine.class);

  private final Vertx vertx;
  private final List<SimulatedDevice> devices;
  private final Duration tick;
  private final double speed;
  private final Deque<ScheduledAction> pending;
  private final AtomicLong simulatedMillis = new AtomicLong();
  private long timerId = -1;

  SimulationEngine(
      Vertx vertx,
      List<SimulatedDevice> devices,
      Duration tick,
      double speed,
      ScenarioFile scenario) {
    if (!(speed > 0 && speed <= 100_000)) {
      throw new IllegalArgumentException("speed must be in (0, 100000], was " + speed);
    }
    this.vertx = vertx;
    this.devices = List.copyOf(devices);
    this.tick = tick;
    this.speed = speed;
    this.pending = new ArrayDeque<>(scenario == null ? List.of() : scenario.actions());
  }

  void start() {
    fireDue();
    timerId = vertx.setPeriodic(tick.toMillis(), id -> step());
  }

  void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Simulated time since the plant started. */
  Duration simulatedTime() {
    return Duration.ofMillis(simulatedMillis.get());
  }

  double speed() {
    return speed;
  }

  private void step() {
    Duration dt = Duration.ofNanos(Math.round(tick.toNanos() * speed));
    for (SimulatedDevice device : devices) {
      device.advance(dt);
    }
    simulatedMillis.addAndGet(dt.toMillis());
    fireDue();
  }

  private void fireDue() {
    Duration now = simulatedTime();
    while (!pending.isEmpty() && pending.peek().at().compareTo(now) <= 0) {
      ScheduledAction due = pending.poll();
      int applied = 0;
      for (SimulatedDevice device : devices) {
        if (due.matches(device.identity().deviceId())) {
          try {
            due.action().applyTo(device);
            applied++;
          } catch (RuntimeException e) {
            LOG.warn(
                "scenario action {} on {} refused: {}",
                due.action().description(),
                device.identity().deviceId(),
                e.getMessage());
          }
        }
      }
      LOG.info(
          "t={} {} on {} ({} devices)",
          due.at(),
          due.action().description(),
          due.devicePattern(),
          applied);
    }
  }
}
