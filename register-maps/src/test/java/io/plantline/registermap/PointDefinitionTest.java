package io.plantline.registermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointDefinitionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "BOOL, 0, 1",
    "INT16, 0, 1",
    "UINT16, 0, 1",
    "INT32, 0, 2",
    "UINT32, 0, 2",
    "FLOAT32, 0, 2",
    "INT64, 0, 4",
    "FLOAT64, 0, 4",
    "STRING, 1, 1",
    "STRING, 5, 3",
    "STRING, 16, 8",
    "STRING, 246, 123"
  })
  void shouldCountRegistersPerType(DataType type, int stringLength, int registers) {
    assertThat(type.registerCount(stringLength)).isEqualTo(registers);
  }

  @Test
  void shouldRejectStringRegisterCountWithoutLength() {
    assertThatThrownBy(() -> DataType.STRING.registerCount(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldOverlapOnlyWhenSharingARegisterInTheSameTable() {
    PointDefinition speed = point("speed_rpm", "hr:0", DataType.FLOAT32);

    assertThat(speed.overlaps(point("other", "hr:1", DataType.UINT16))).isTrue();
    assertThat(speed.overlaps(point("other", "hr:0", DataType.INT64))).isTrue();
    assertThat(point("other", "hr:1", DataType.UINT16).overlaps(speed)).isTrue();
    assertThat(speed.overlaps(point("other", "hr:2", DataType.FLOAT32))).isFalse();
    assertThat(speed.overlaps(point("other", "ir:0", DataType.FLOAT32))).isFalse();
    assertThat(speed.registerCount()).isEqualTo(2);
  }

  @Test
  void shouldNormaliseMissingUnitAndDescriptionToEmpty() {
    PointDefinition point =
        new PointDefinition(
            "state",
            RegisterAddress.parse("ir:0"),
            DataType.UINT16,
            ByteWordOrder.ABCD,
            1,
            0,
            null,
            Access.READ,
            "fast",
            0,
            null);

    assertThat(point.unit()).isEmpty();
    assertThat(point.description()).isEmpty();
  }

  @Test
  void shouldRejectInvalidPointsNamingThem() {
    assertThatThrownBy(() -> point("speed_rpm", "coil:0", DataType.FLOAT32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "point 'speed_rpm': type float32 needs an input-register or holding-register address,"
                + " not coil:0");
    assertThatThrownBy(() -> point("Speed", "hr:0", DataType.FLOAT32))
        .hasMessageContaining("'Speed' is not a valid point name");
    assertThatThrownBy(() -> point("speed_rpm", "hr:65535", DataType.FLOAT32))
        .hasMessage(
            "point 'speed_rpm': hr:65535-65536 runs past the end of the table (last offset 65535)");
    assertThatThrownBy(
            () ->
                new PointDefinition(
                    "speed_rpm",
                    RegisterAddress.parse("ir:0"),
                    DataType.FLOAT32,
                    ByteWordOrder.ABCD,
                    0.0,
                    0,
                    "",
                    Access.READ,
                    "normal",
                    0,
                    ""))
        .hasMessage("point 'speed_rpm': scale must be finite and non-zero, not 0.0");
  }

  private static PointDefinition point(String name, String address, DataType type) {
    return new PointDefinition(
        name,
        RegisterAddress.parse(address),
        type,
        ByteWordOrder.ABCD,
        1,
        0,
        "",
        Access.READ,
        "normal",
        0,
        "");
  }
}
