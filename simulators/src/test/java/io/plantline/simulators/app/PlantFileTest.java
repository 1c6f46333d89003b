package io.plantline.simulators.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlantFileTest {
  private static final Path HERE = Path.of(".");

  @Test
  void shouldExpandReplicasWithNumberedIdsSeedsAndPorts() {
    PlantFile plant =
        PlantFile.parse(
            """
            plant: p
            sites:
              - id: s
                areas:
                  - id: a
                    devices:
                      - {id: spindle, model: motor-spindle, count: 3, seed: 10, port: 1502, serialNumber: SN}
            """,
            "p.yaml",
            HERE);

    assertThat(plant.devices())
        .extracting(
            DeviceSpec::deviceId, DeviceSpec::seed, DeviceSpec::port, DeviceSpec::serialNumber)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("spindle-001", 10L, 1502, "SN-001"),
            org.assertj.core.groups.Tuple.tuple("spindle-002", 11L, 1503, "SN-002"),
            org.assertj.core.groups.Tuple.tuple("spindle-003", 12L, 1504, "SN-003"));
    assertThat(plant.bind()).isEqualTo("127.0.0.1");
    assertThat(plant.devices().get(0).registerMap()).isEqualTo("motor-spindle");
  }

  @Test
  void shouldNameFileKeyAndProblemOfABadValue() {
    assertThatThrownBy(() -> PlantFile.parse(device("unitId: 300"), "bad.yaml", HERE))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bad.yaml: sites[0].areas[0].devices[0].unitId: must be 0..255, was 300");
  }

  @Test
  void shouldRejectAMisspeltKey() {
    assertThatThrownBy(() -> PlantFile.parse(device("unitID: 3"), "bad.yaml", HERE))
        .hasMessageStartingWith("bad.yaml: sites[0].areas[0].devices[0].unitID: unknown key");
  }

  @Test
  void shouldRejectDuplicateIdsAndInvalidIds() {
    String duplicate =
        """
        plant: p
        sites:
          - id: s
            areas:
              - id: a
                devices:
                  - {id: m1, model: pump}
                  - {id: m1, model: pump}
        """;
    assertThatThrownBy(() -> PlantFile.parse(duplicate, "dup.yaml", HERE))
        .hasMessageContaining("duplicate device id m1");
    assertThatThrownBy(
            () -> PlantFile.parse(duplicate.replace("id: s", "id: \"s/1\""), "id.yaml", HERE))
        .hasMessageContaining("sites[0].id: 's/1' is not a valid id");
  }

  @Test
  void shouldRejectAPlantWithoutDevicesAndBrokenYaml() {
    assertThatThrownBy(() -> PlantFile.parse("plant: p\nsites: []\n", "empty.yaml", HERE))
        .hasMessage("empty.yaml: sites: a plant needs at least one device");
    assertThatThrownBy(() -> PlantFile.parse("plant: [unclosed", "broken.yaml", HERE))
        .hasMessageStartingWith("broken.yaml: not valid YAML");
  }

  @Test
  void shouldLoadTheShippedPlants() {
    assertThat(PlantFile.load("plants/plant-small.yaml").devices()).hasSizeBetween(8, 12);
    assertThat(PlantFile.load("plants/plant-factory.yaml").devices())
        .hasSizeGreaterThanOrEqualTo(200);
  }

  private static String device(String extra) {
    return """
        plant: p
        sites:
          - id: s
            areas:
              - id: a
                devices:
                  - {id: m1, model: pump, %s}
        """
        .formatted(extra);
  }
}
