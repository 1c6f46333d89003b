package io.plantline.registermap;

import static io.plantline.registermap.ByteWordOrder.ABCD;
import static io.plantline.registermap.ByteWordOrder.CDAB;
import static io.plantline.registermap.Points.registers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** encodeClamped behaves like a device; encode refuses what does not fit, naming the point. */
class ClampingAndRejectionTest {

  static Stream<Arguments> clamped() {
    return Stream.of(
        arguments(DataType.INT16, ABCD, 40000.0, registers(0x7FFF)),
        arguments(DataType.INT16, ABCD, -40000.0, registers(0x8000)),
        arguments(DataType.INT16, ABCD, Double.NaN, registers(0x7FFF)),
        arguments(DataType.INT16, ABCD, Double.NEGATIVE_INFINITY, registers(0x8000)),
        arguments(DataType.UINT16, ABCD, -5.0, registers(0x0000)),
        arguments(DataType.UINT16, ABCD, 70000.0, registers(0xFFFF)),
        arguments(DataType.UINT16, ABCD, Double.NaN, registers(0xFFFF)),
        arguments(DataType.INT32, ABCD, 3e9, registers(0x7FFF, 0xFFFF)),
        arguments(DataType.INT32, ABCD, -3e9, registers(0x8000, 0x0000)),
        arguments(DataType.INT32, ABCD, Double.NaN, registers(0x7FFF, 0xFFFF)),
        arguments(DataType.INT32, CDAB, Double.NaN, registers(0xFFFF, 0x7FFF)),
        arguments(DataType.INT32, ABCD, Double.POSITIVE_INFINITY, registers(0x7FFF, 0xFFFF)),
        arguments(DataType.UINT32, ABCD, -1.0, registers(0x0000, 0x0000)),
        arguments(DataType.UINT32, ABCD, 5e9, registers(0xFFFF, 0xFFFF)),
        arguments(DataType.UINT32, ABCD, Double.NaN, registers(0xFFFF, 0xFFFF)),
        arguments(DataType.INT64, ABCD, Double.NaN, registers(0x7FFF, 0xFFFF, 0xFFFF, 0xFFFF)),
        arguments(DataType.INT64, ABCD, 1e19, registers(0x7FFF, 0xFFFF, 0xFFFF, 0xFFFF)),
        arguments(DataType.INT64, ABCD, -1e19, registers(0x8000, 0x0000, 0x0000, 0x0000)),
        arguments(DataType.FLOAT32, ABCD, 1e39, registers(0x7F7F, 0xFFFF)),
        arguments(DataType.FLOAT32, ABCD, -1e39, registers(0xFF7F, 0xFFFF)),
        arguments(DataType.FLOAT32, ABCD, Double.NaN, registers(0x7FC0, 0x0000)),
        arguments(DataType.FLOAT32, ABCD, Double.POSITIVE_INFINITY, registers(0x7F80, 0x0000)),
        arguments(DataType.FLOAT64, ABCD, Double.NaN, registers(0x7FF8, 0x0000, 0x0000, 0x0000)),
        arguments(DataType.INT16, ABCD, -12345.0, registers(0xCFC7)));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("clamped")
  void shouldSaturateOrUseSentinelWhenClamping(
      DataType type, ByteWordOrder order, double value, short[] expected) {
    assertThat(PointCodec.encodeClamped(Points.numeric(type, order), value))
        .containsExactly(expected);
  }

  @Test
  void shouldClampAfterScaling() {
    PointDefinition voltage = Points.scaled(DataType.UINT16, ABCD, 0.1, 0.0);
    PointDefinition tiny = Points.scaled(DataType.FLOAT64, ABCD, 1e-10, 0.0);
    PointDefinition inverted = Points.scaled(DataType.INT16, ABCD, -1.0, 0.0);

    assertThat(PointCodec.encodeClamped(voltage, 7000.0)).containsExactly(registers(0xFFFF));
    assertThat(PointCodec.encodeClamped(tiny, 1e300))
        .containsExactly(registers(0x7FEF, 0xFFFF, 0xFFFF, 0xFFFF));
    assertThat(PointCodec.encodeClamped(inverted, Double.POSITIVE_INFINITY))
        .containsExactly(registers(0x8000));
  }

  @Test
  void shouldClampBitsLikeEncodeAndNanToZero() {
    assertThat(PointCodec.encodeClamped(Points.bool(), 2.0)).containsExactly((short) 1);
    assertThat(PointCodec.encodeClamped(Points.bool(), Double.NaN)).containsExactly((short) 0);
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        arguments(DataType.INT16, 32768.0, "raw value 32768 (engineering 32768.0) is outside"),
        arguments(DataType.INT16, 32767.5, "raw value 32768 (engineering 32767.5) is outside"),
        arguments(DataType.INT16, -32768.5, "raw value -32769 (engineering -32768.5) is outside"),
        arguments(DataType.UINT16, -1.0, "outside the uint16 range 0..65535"),
        arguments(DataType.UINT32, 4294967296.0, "outside the uint32 range 0..4294967295"),
        arguments(DataType.INT32, -2147483649.0, "outside the int32 range"),
        arguments(DataType.INT64, 9.223372036854775807E18, "raw value 9223372036854775808 "),
        arguments(DataType.FLOAT32, 1e39, "scales to a raw value outside the float32 range"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("outOfRange")
  void shouldRejectRawValuesOutsideTheTypeRange(DataType type, double value, String problem) {
    PointDefinition point = Points.numeric(type, ABCD);

    assertThatThrownBy(() -> PointCodec.encode(point, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("point '" + point.name() + "': ")
        .hasMessageContaining(problem);
  }

  @Test
  void shouldRejectNonFiniteValuesForIntegerTypes() {
    PointDefinition count = Points.numeric(DataType.UINT32, ABCD);

    assertThatThrownBy(() -> PointCodec.encode(count, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 'test_uint32': NaN is not finite and cannot be encoded as uint32");
    assertThatThrownBy(() -> PointCodec.encode(count, Double.POSITIVE_INFINITY))
        .hasMessageContaining("Infinity is not finite");
  }

  @Test
  void shouldAcceptTheExtremesOfEachRange() {
    assertThat(PointCodec.encode(Points.numeric(DataType.INT16, ABCD), 32767.4))
        .containsExactly(registers(0x7FFF));
    assertThat(PointCodec.encode(Points.numeric(DataType.INT16, ABCD), -32768.0))
        .containsExactly(registers(0x8000));
    assertThat(PointCodec.encode(Points.numeric(DataType.INT64, ABCD), -9.223372036854775808E18))
        .containsExactly(registers(0x8000, 0x0000, 0x0000, 0x0000));
  }

  @Test
  void shouldEncodeAndDecodeBits() {
    PointDefinition run = Points.bool();

    assertThat(PointCodec.encode(run, 1.0)).containsExactly((short) 1);
    assertThat(PointCodec.encode(run, 0.0)).containsExactly((short) 0);
    assertThat(PointCodec.encode(run, -3.2)).containsExactly((short) 1);
    assertThat(PointCodec.decode(run, registers(0))).isEqualTo(0.0);
    assertThat(PointCodec.decode(run, registers(1))).isEqualTo(1.0);
    assertThat(PointCodec.toBit(-0.0)).isFalse();
    assertThat(PointCodec.toBit(0.001)).isTrue();
  }

  @Test
  void shouldRejectNanAsABit() {
    assertThatThrownBy(() -> PointCodec.encode(Points.bool(), Double.NaN))
        .hasMessage("point 'run_command': NaN is not a bit value");
    assertThatThrownBy(() -> PointCodec.toBit(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectWrongRegisterCount() {
    PointDefinition speed = Points.numeric(DataType.FLOAT32, ABCD);

    assertThatThrownBy(() -> PointCodec.decode(speed, registers(0x42F6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 'test_float32': expected 2 registers for float32, got 1");
  }
}
