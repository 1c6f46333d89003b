package io.plantline.registermap;

import static io.plantline.registermap.ByteWordOrder.ABCD;
import static io.plantline.registermap.ByteWordOrder.BADC;
import static io.plantline.registermap.ByteWordOrder.CDAB;
import static io.plantline.registermap.ByteWordOrder.DCBA;
import static io.plantline.registermap.Points.registers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden registers of IEEE-754 values in every order, worked out by hand from their bit patterns.
 */
class FloatGoldenBytesTest {

  /** 123.456f = 0x42F6E979; -1.5f = 0xBFC00000. */
  static Stream<Arguments> float32() {
    return Stream.of(
        arguments(ABCD, 123.456f, registers(0x42F6, 0xE979)),
        arguments(CDAB, 123.456f, registers(0xE979, 0x42F6)),
        arguments(BADC, 123.456f, registers(0xF642, 0x79E9)),
        arguments(DCBA, 123.456f, registers(0x79E9, 0xF642)),
        arguments(ABCD, -1.5f, registers(0xBFC0, 0x0000)),
        arguments(CDAB, -1.5f, registers(0x0000, 0xBFC0)),
        arguments(BADC, -1.5f, registers(0xC0BF, 0x0000)),
        arguments(DCBA, -1.5f, registers(0x0000, 0xC0BF)));
  }

  /** 123.456 = 0x405EDD2F1A9FBE77; -273.15 = 0xC071266666666666. */
  static Stream<Arguments> float64() {
    return Stream.of(
        arguments(ABCD, 123.456, registers(0x405E, 0xDD2F, 0x1A9F, 0xBE77)),
        arguments(CDAB, 123.456, registers(0xBE77, 0x1A9F, 0xDD2F, 0x405E)),
        arguments(BADC, 123.456, registers(0x5E40, 0x2FDD, 0x9F1A, 0x77BE)),
        arguments(DCBA, 123.456, registers(0x77BE, 0x9F1A, 0x2FDD, 0x5E40)),
        arguments(ABCD, -273.15, registers(0xC071, 0x1266, 0x6666, 0x6666)),
        arguments(CDAB, -273.15, registers(0x6666, 0x6666, 0x1266, 0xC071)),
        arguments(BADC, -273.15, registers(0x71C0, 0x6612, 0x6666, 0x6666)),
        arguments(DCBA, -273.15, registers(0x6666, 0x6666, 0x6612, 0x71C0)));
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("float32")
  void shouldEncodeFloat32InEachOrder(ByteWordOrder order, float value, short[] expected) {
    assertThat(PointCodec.encode(Points.numeric(DataType.FLOAT32, order), value))
        .containsExactly(expected);
    assertThat(PointCodec.encode(Points.numeric(DataType.FLOAT32, ABCD), value, order))
        .containsExactly(expected);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("float32")
  void shouldDecodeFloat32InEachOrder(ByteWordOrder order, float value, short[] registers) {
    assertThat(PointCodec.decode(Points.numeric(DataType.FLOAT32, order), registers))
        .isEqualTo((double) value);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("float64")
  void shouldEncodeFloat64InEachOrder(ByteWordOrder order, double value, short[] expected) {
    assertThat(PointCodec.encode(Points.numeric(DataType.FLOAT64, order), value))
        .containsExactly(expected);
    assertThat(PointCodec.encode(Points.numeric(DataType.FLOAT64, ABCD), value, order))
        .containsExactly(expected);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("float64")
  void shouldDecodeFloat64InEachOrder(ByteWordOrder order, double value, short[] registers) {
    assertThat(PointCodec.decode(Points.numeric(DataType.FLOAT64, order), registers))
        .isEqualTo(value);
  }

  @Test
  void shouldDecodeFloat32InCdabOrder() {
    PointDefinition speed = Points.numeric(DataType.FLOAT32, CDAB);

    assertThat(PointCodec.decode(speed, registers(0xE979, 0x42F6))).isEqualTo(123.456f);
  }

  @Test
  void shouldEncodeNanAndInfinityOfFloatTypes() {
    PointDefinition single = Points.numeric(DataType.FLOAT32, ABCD);
    PointDefinition dual = Points.numeric(DataType.FLOAT64, DCBA);

    assertThat(PointCodec.encode(single, Double.NaN)).containsExactly(registers(0x7FC0, 0x0000));
    assertThat(PointCodec.encode(single, Double.NEGATIVE_INFINITY))
        .containsExactly(registers(0xFF80, 0x0000));
    assertThat(PointCodec.encode(dual, Double.NaN))
        .containsExactly(registers(0x0000, 0x0000, 0x0000, 0xF87F));
    assertThat(PointCodec.decode(single, registers(0x7F80, 0x0000)))
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(PointCodec.decode(dual, registers(0x0000, 0x0000, 0x0000, 0xF87F))).isNaN();
  }
}
