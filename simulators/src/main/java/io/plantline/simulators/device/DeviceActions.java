package io.plantline.simulators.device;

import io.plantline.registermap.ByteWordOrder;
import io.plantline.simulators.domain.DeviceEvent;
import io.plantline.simulators.domain.MachineState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses actions from scenario files and control-API bodies: a mapping with {@code action} (the
 * name) and its parameters. Every mistake is an {@link IllegalArgumentException} naming the key.
 */
public final class DeviceActions {
  /** Longest {@code durationSeconds} of a transport fault: 30 days. */
  public static final double MAX_FAULT_SECONDS = 30 * 24 * 3600;

  /** Action names, for help texts and errors. */
  public static final List<String> NAMES =
      List.of(
          "start",
          "stop",
          "reset-fault",
          "bearing-degradation",
          "overheating",
          "shift",
          "trend",
          "variance",
          "cycle",
          "stratification",
          "replace-meter",
          "preset-energy",
          "load-spike",
          "machine-state",
          "stuck-sensor",
          "sensor-drift",
          "sensor-offset",
          "spikes",
          "nan-values",
          "clear-sensor",
          "fault",
          "clear-fault",
          "clear-faults");

  private DeviceActions() {}

  public static DeviceAction parse(Map<String, Object> spec) {
    Params p = new Params(spec);
    String name = p.text("action");
    Function<Params, DeviceAction> parser = parserFor(name);
    DeviceAction action = parser.apply(p);
    p.rejectUnused();
    return action;
  }

  private static Function<Params, DeviceAction> parserFor(String name) {
    return switch (name) {
      case "start" -> p -> event(name, new DeviceEvent.Start());
      case "stop" -> p -> event(name, new DeviceEvent.Stop());
      case "reset-fault" -> p -> event(name, new DeviceEvent.ResetFault());
      case "bearing-degradation" ->
          p -> event(name, new DeviceEvent.DegradeBearing(p.number("wearPerRunningHour", 0, 1000)));
      case "overheating" ->
          p -> event(name, new DeviceEvent.Overheat(p.number("coolingLoss", 0, 1)));
      case "shift" -> p -> event(name, new DeviceEvent.Shift(p.text("point"), p.number("delta")));
      case "trend" -> p -> event(name, new DeviceEvent.Trend(p.text("point"), p.number("perHour")));
      case "variance" ->
          p ->
              event(
                  name,
                  new DeviceEvent.VarianceChange(p.text("point"), p.number("factor", 0, 100)));
      case "cycle" ->
          p ->
              event(
                  name,
                  new DeviceEvent.Cycle(
                      p.text("point"), p.number("amplitude"), p.duration("period")));
      case "stratification" ->
          p ->
              event(
                  name, new DeviceEvent.Stratification(p.text("point"), p.number("factor", 0, 1)));
      default -> meterOrSensorOrTransport(name);
    };
  }

  private static Function<Params, DeviceAction> meterOrSensorOrTransport(String name) {
    return switch (name) {
      case "replace-meter" -> p -> event(name, new DeviceEvent.ReplaceMeter());
      case "preset-energy" ->
          p -> event(name, new DeviceEvent.PresetEnergy(p.number("kwh", 0, 1e12)));
      case "load-spike" ->
          p ->
              event(
                  name,
                  new DeviceEvent.LoadSpike(p.number("extraKw", 0, 1e6), p.duration("duration")));
      case "machine-state" ->
          p ->
              event(
                  name,
                  new DeviceEvent.HoldMachineState(
                      MachineState.named(p.text("state")), p.duration("duration")));
      default -> sensorOrTransport(name);
    };
  }

  private static Function<Params, DeviceAction> sensorOrTransport(String name) {
    return switch (name) {
      case "stuck-sensor" -> p -> sensor(name, p.text("point"), (f, pt) -> f.stuck(pt));
      case "sensor-drift" ->
          p -> {
            double perHour = p.number("perHour");
            return sensor(name, p.text("point"), (f, pt) -> f.drift(pt, perHour));
          };
      case "sensor-offset" ->
          p -> {
            double delta = p.number("delta");
            return sensor(name, p.text("point"), (f, pt) -> f.offset(pt, delta));
          };
      case "spikes" ->
          p -> {
            double probability = p.number("probability", 0, 1);
            double magnitude = p.number("magnitude");
            return sensor(name, p.text("point"), (f, pt) -> f.spikes(pt, probability, magnitude));
          };
      case "nan-values" ->
          p -> {
            double probability = p.number("probability", 0, 1);
            return sensor(name, p.text("point"), (f, pt) -> f.nanValues(pt, probability));
          };
      case "clear-sensor" -> p -> sensor(name, p.text("point"), (f, pt) -> f.clear(pt));
      case "fault" -> DeviceActions::transportFault;
      case "clear-fault" ->
          p -> {
            TransportFault kind = TransportFault.fromWireName(p.text("fault"));
            return new DeviceAction(name, name + " " + kind.wireName(), d -> d.clear(kind));
          };
      case "clear-faults" -> p -> new DeviceAction(name, name, SimulatedDevice::clearFaults);
      default ->
          throw new IllegalArgumentException(
              "action: unknown action '" + name + "'; known: " + NAMES);
    };
  }

  private static DeviceAction transportFault(Params p) {
    TransportFault kind = TransportFault.fromWireName(p.text("fault"));
    FaultSpec spec =
        new FaultSpec(
            kind,
            p.optionalNumber("probability", 0, 1, 1.0),
            kind == TransportFault.DELAY ? (long) p.number("delayMillis", 1, 60_000) : 0,
            kind == TransportFault.EXCEPTION ? (int) p.number("exceptionCode", 1, 11) : 0,
            kind == TransportFault.WRONG_BYTE_ORDER
                ? ByteWordOrder.valueOf(p.text("order").toUpperCase(java.util.Locale.ROOT))
                : null);
    // wall-clock seconds, unlike the simulated-time `duration` of load-spike and machine-state
    double seconds = p.optionalNumber("durationSeconds", 0.001, MAX_FAULT_SECONDS, 0);
    if (seconds == 0) {
      return new DeviceAction(
          "fault", "fault " + kind.wireName() + " " + spec, d -> d.inject(spec));
    }
    Duration duration = Duration.ofMillis(Math.round(seconds * 1000));
    return new DeviceAction(
        "fault",
        "fault " + kind.wireName() + " " + spec + " for " + seconds + " s",
        d -> d.inject(spec, duration));
  }

  private static DeviceAction event(String name, DeviceEvent event) {
    return new DeviceAction(name, event.toString(), d -> d.apply(event));
  }

  private static DeviceAction sensor(
      String name,
      String point,
      java.util.function.BiConsumer<io.plantline.simulators.domain.SensorFaults, String> change) {
    return new DeviceAction(
        name,
        name + " " + point,
        d ->
            d.withSensorFaults(
                f -> {
                  change.accept(f, point);
                  return null;
                }));
  }

  /** Typed access to an action's parameters that remembers which keys were used. */
  private static final class Params {
    private final Map<String, Object> spec;
    private final java.util.Set<String> used = new java.util.HashSet<>();

    Params(Map<String, Object> spec) {
      this.spec = spec;
    }

    String text(String key) {
      Object value = spec.get(key);
      used.add(key);
      if (!(value instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(key + ": required, a non-empty string");
      }
      return s;
    }

    double number(String key) {
      return number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
    }

    double number(String key, double min, double max) {
      Object value = spec.get(key);
      used.add(key);
      if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new IllegalArgumentException(key + ": required, a finite number");
      }
      double v = n.doubleValue();
      if (v < min || v > max) {
        throw new IllegalArgumentException(key + ": must be " + min + ".." + max + ", was " + v);
      }
      return v;
    }

    double optionalNumber(String key, double min, double max, double fallback) {
      return spec.containsKey(key) ? number(key, min, max) : fallback;
    }

    Duration duration(String key) {
      String text = text(key);
      try {
        return Duration.parse(
            text.startsWith("P") ? text : "PT" + text.toUpperCase(java.util.Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException(key + ": a duration such as 30s, 5m or 2h, was " + text);
      }
    }

    void rejectUnused() {
      for (String key : spec.keySet()) {
        if (!used.contains(key) && !key.equals("at") && !key.equals("device")) {
          throw new IllegalArgumentException(key + ": not a parameter of this action");
        }
      }
    }
  }
}
