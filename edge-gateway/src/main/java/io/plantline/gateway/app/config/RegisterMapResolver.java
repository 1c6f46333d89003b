package io.plantline.gateway.app.config;

import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMapException;
import io.plantline.registermap.RegisterMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a device's register map: a built-in type ({@link RegisterMaps#builtInTypes()}) or a YAML
 * file relative to the configuration file. Each map is read once, so devices of one type share it.
 */
final class RegisterMapResolver {

  private final Path baseDir;
  private final Map<String, RegisterMap> loaded = new HashMap<>();

  RegisterMapResolver(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** The map named by the device's {@code registerMap} key. */
  RegisterMap resolve(ConfigNode device) {
    String name = device.requiredText("registerMap");
    if (RegisterMaps.builtInTypes().contains(name)) {
      return loaded.computeIfAbsent(name, RegisterMaps::builtIn);
    }
    Path file = baseDir.resolve(name).normalize();
    if (!Files.isRegularFile(file)) {
      throw device.fail(
          "registerMap",
          "unknown register map '"
              + name
              + "'; use a built-in type ("
              + String.join(", ", RegisterMaps.builtInTypes())
              + ") or a map file relative to the configuration file");
    }
    String key = file.toString();
    RegisterMap map = loaded.get(key);
    if (map == null) {
      try {
        map = RegisterMaps.load(file);
      } catch (RegisterMapException e) {
        throw new ConfigException(
            device.source(),
            device.path("registerMap"),
            "invalid register map: " + e.getMessage(),
            e);
      }
      loaded.put(key, map);
    }
    return map;
  }
}
