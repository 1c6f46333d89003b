package io.plantline.registermap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads register maps from YAML files, strings and the maps shipped in this artifact. Every
 * problem, including an unreadable file, is a {@link RegisterMapException} naming the source, the
 * key path and the problem. The YAML format is described in the module README.
 */
public final class RegisterMaps {

  private static final String RESOURCE_DIRECTORY = "io/plantline/registermap/devices/";
  private static final List<String> BUILT_IN_TYPES =
      List.of("csv-replay", "energy-meter", "motor-spindle", "pump", "quality-gauge");

  private RegisterMaps() {}

  /**
   * Reads and validates a map file (UTF-8); the file's path as given names it in errors.
   *
   * @throws RegisterMapException for an unreadable file (key path {@code $}) or a bad map
   */
  public static RegisterMap load(Path file) {
    Objects.requireNonNull(file, "file");
    String source = file.toString();
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RegisterMapException(source, "$", "cannot read the file: " + e, e);
    }
    return parse(yaml, source);
  }

  /**
   * Reads and validates a map from YAML text.
   *
   * @param sourceName names the text in errors, e.g. a file name
   * @throws RegisterMapException for a bad map
   */
  public static RegisterMap parse(String yaml, String sourceName) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    return MapReader.read(sourceName, YamlTree.read(yaml, sourceName));
  }

  /**
   * The map shipped for a device type, from the classpath resource {@code
   * io/plantline/registermap/devices/<type>.yaml}.
   *
   * @throws IllegalArgumentException if no map is shipped for the type
   */
  public static RegisterMap builtIn(String deviceType) {
    if (!BUILT_IN_TYPES.contains(deviceType)) {
      throw new IllegalArgumentException(
          "no built-in register map for device type '"
              + deviceType
              + "'; shipped: "
              + String.join(", ", BUILT_IN_TYPES));
    }
    String resource = RESOURCE_DIRECTORY + deviceType + ".yaml";
    try (InputStream in = RegisterMaps.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the artifact: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The device types with a shipped map, sorted. */
  public static List<String> builtInTypes() {
    return BUILT_IN_TYPES;
  }
}
