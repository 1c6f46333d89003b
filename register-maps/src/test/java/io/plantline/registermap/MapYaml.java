package io.plantline.registermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** YAML snippets and rejection assertions for validation tests. */
final class MapYaml {

  static final String SOURCE = "test-device.yaml";

  static final String HEADER = "deviceType: test-device\nversion: 1.0.0\nunitId: 1\n";

  private MapYaml() {}

  /** The header and a points list, one flow mapping per argument. */
  static String withPoints(String... points) {
    StringBuilder yaml = new StringBuilder(HEADER).append("points:\n");
    for (String point : points) {
      yaml.append("  - ").append(point).append('\n');
    }
    return yaml.toString();
  }

  /** The given top-level lines followed by a list with one valid point. */
  static String withTopLevel(String lines) {
    return lines + "points:\n  - {name: speed_rpm, address: \"ir:0\", type: float32}\n";
  }

  static RegisterMap parse(String yaml) {
    return RegisterMaps.parse(yaml, SOURCE);
  }

  /** Asserts the source, the exact key path and problem, and the message built from them. */
  static void assertRejected(String yaml, String keyPath, String problem) {
    RegisterMapException e = rejection(yaml);
    assertThat(e.source()).isEqualTo(SOURCE);
    assertThat(e.keyPath()).isEqualTo(keyPath);
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e).hasMessage(SOURCE + ": " + keyPath + ": " + problem);
  }

  /** Asserts the source, the exact key path and a fragment of the problem. */
  static void assertRejectedContaining(String yaml, String keyPath, String fragment) {
    RegisterMapException e = rejection(yaml);
    assertThat(e.source()).isEqualTo(SOURCE);
    assertThat(e.keyPath()).isEqualTo(keyPath);
    assertThat(e.problem()).contains(fragment);
  }

  private static RegisterMapException rejection(String yaml) {
    RegisterMapException e = catchThrowableOfType(RegisterMapException.class, () -> parse(yaml));
    assertThat(e).as("expected a RegisterMapException for:%n%s", yaml).isNotNull();
    return e;
  }
}
