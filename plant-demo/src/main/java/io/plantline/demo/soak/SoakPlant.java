package io.plantline.demo.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated plant of a soak: {@code devices} Modbus devices over two sites, in the mix of
 * plant-factory (spindles, pumps, energy meters, quality gauges), written as a simulator plant
 * file.
 */
final class SoakPlant {
  static final List<String> SITES = List.of("site-north", "site-south");

  /** The spindles of plant-small, whose overheating the demo shows within two minutes. */
  private static final String SPINDLE =
      ", params: {ratedSpeedRpm: 12000, ratedCurrentA: 18, partsPerMinute: 4}";

  private SoakPlant() {}

  /** Writes the plant file and returns it with the ids of the spindles (anomaly candidates). */
  static Written write(Path dir, int devices) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by the soak: ")
        .append(devices)
        .append(" devices over two sites.\n")
        .append("plant: soak-plant\nbind: 127.0.0.1\ntickMillis: 200\nsites:\n");
    List<String> spindles = new ArrayList<>();
    int remaining = devices;
    for (int s = 0; s < SITES.size(); s++) {
      int here = s == SITES.size() - 1 ? remaining : devices / SITES.size();
      remaining -= here;
      String prefix = SITES.get(s).substring("site-".length());
      int meters = Math.max(1, here / 10);
      int pumps = Math.max(1, here * 15 / 100);
      int gauges = Math.max(1, here * 15 / 100);
      int spindleCount = here - meters - pumps - gauges;
      yaml.append("  - id: ").append(SITES.get(s)).append("\n    areas:\n");
      yaml.append("      - id: machining\n        devices:\n");
      device(yaml, "spindle-" + prefix, "motor-spindle", spindleCount, 1000 * (s + 1), SPINDLE);
      area(yaml, "quality", prefix + "-gauge", "quality-gauge", gauges, 1000 * (s + 1) + 300);
      yaml.append("      - id: utilities\n        devices:\n");
      device(yaml, "cooling-pump-" + prefix, "pump", pumps, 1000 * (s + 1) + 500, "");
      device(yaml, prefix + "-meter", "energy-meter", meters, 1000 * (s + 1) + 700, "");
      for (int i = 1; i <= spindleCount; i++) {
        spindles.add(
            spindleCount == 1 ? "spindle-" + prefix : "spindle-%s-%03d".formatted(prefix, i));
      }
    }
    Path file = dir.resolve("soak-plant.yaml");
    Files.createDirectories(dir);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new Written(file, List.copyOf(spindles));
  }

  /** The plant file and its spindles' device ids. */
  record Written(Path file, List<String> spindles) {}

  private static void area(
      StringBuilder yaml, String area, String id, String model, int count, int seed) {
    yaml.append("      - id: ").append(area).append("\n        devices:\n");
    device(yaml, id, model, count, seed, "");
  }

  private static void device(
      StringBuilder yaml, String id, String model, int count, int seed, String params) {
    yaml.append("          - {id: ")
        .append(id)
        .append(", model: ")
        .append(model)
        .append(", count: ")
        .append(count)
        .append(", seed: ")
        .append(seed)
        .append(params)
        .append("}\n");
  }
}
