package io.plantline.simulators.bench;

import io.plantline.simulators.domain.DeviceEvent;
import io.plantline.simulators.domain.DeviceModel;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A load-generator device: {@code size} input registers {@code r000..} holding slowly changing
 * counters, so a benchmark can read full 125-register blocks whose content changes every tick.
 */
final class RegisterBankModel implements DeviceModel {
  private final Set<String> points = new LinkedHashSet<>();
  private long ticks;

  RegisterBankModel(int size) {
    for (int i = 0; i < size; i++) {
      points.add(String.format("r%03d", i));
    }
  }

  @Override
  public String type() {
    return "register-bank";
  }

  @Override
  public Set<String> points() {
    return points;
  }

  @Override
  public void advance(Duration dt) {
    ticks++;
  }

  @Override
  public double read(String point) {
    if (!points.contains(point)) {
      throw new IllegalArgumentException("no point " + point);
    }
    return (ticks + Integer.parseInt(point.substring(1))) % 65_536;
  }

  @Override
  public void write(String point, double value) {
    throw new IllegalArgumentException(point + " is read-only");
  }

  @Override
  public void apply(DeviceEvent event) {
    throw new UnsupportedOperationException("register-bank does not support " + event);
  }

  /** The register map of a bank: {@code size} uint16 input registers from offset 0. */
  static String registerMapYaml(int size) {
    StringBuilder yaml =
        new StringBuilder("deviceType: register-bank\nversion: 1.0.0\nunitId: 1\npoints:\n");
    for (int i = 0; i < size; i++) {
      yaml.append(String.format("  - {name: r%03d, address: \"ir:%d\", type: uint16}%n", i, i));
    }
    return yaml.toString();
  }
}
