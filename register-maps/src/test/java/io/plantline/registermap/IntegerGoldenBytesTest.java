package io.plantline.registermap;

import static io.plantline.registermap.ByteWordOrder.ABCD;
import static io.plantline.registermap.ByteWordOrder.BADC;
import static io.plantline.registermap.ByteWordOrder.CDAB;
import static io.plantline.registermap.ByteWordOrder.DCBA;
import static io.plantline.registermap.Points.registers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden registers of the integer types in every order, worked out by hand from the byte
 * definitions: bytes A B C D … most significant first, CDAB reverses the registers, BADC swaps the
 * bytes in each register, DCBA does both.
 */
class IntegerGoldenBytesTest {

  /** -12345 = 0xCFC7; 16-bit values only feel the byte swap. */
  static Stream<Arguments> int16() {
    return Stream.of(
        arguments(ABCD, -12345, registers(0xCFC7)),
        arguments(CDAB, -12345, registers(0xCFC7)),
        arguments(BADC, -12345, registers(0xC7CF)),
        arguments(DCBA, -12345, registers(0xC7CF)),
        arguments(ABCD, 4660, registers(0x1234)),
        arguments(BADC, 4660, registers(0x3412)));
  }

  /** 50000 = 0xC350, above the signed 16-bit range. */
  static Stream<Arguments> uint16() {
    return Stream.of(
        arguments(ABCD, 50000, registers(0xC350)),
        arguments(CDAB, 50000, registers(0xC350)),
        arguments(BADC, 50000, registers(0x50C3)),
        arguments(DCBA, 50000, registers(0x50C3)),
        arguments(ABCD, 65535, registers(0xFFFF)));
  }

  /** -123456789 = 0xF8A432EB. */
  static Stream<Arguments> int32() {
    return Stream.of(
        arguments(ABCD, -123456789, registers(0xF8A4, 0x32EB)),
        arguments(CDAB, -123456789, registers(0x32EB, 0xF8A4)),
        arguments(BADC, -123456789, registers(0xA4F8, 0xEB32)),
        arguments(DCBA, -123456789, registers(0xEB32, 0xA4F8)),
        arguments(ABCD, -1, registers(0xFFFF, 0xFFFF)),
        arguments(CDAB, 12345, registers(0x3039, 0x0000)));
  }

  /** 3000000000 = 0xB2D05E00, above the signed 32-bit range. */
  static Stream<Arguments> uint32() {
    return Stream.of(
        arguments(ABCD, 3_000_000_000L, registers(0xB2D0, 0x5E00)),
        arguments(CDAB, 3_000_000_000L, registers(0x5E00, 0xB2D0)),
        arguments(BADC, 3_000_000_000L, registers(0xD0B2, 0x005E)),
        arguments(DCBA, 3_000_000_000L, registers(0x005E, 0xD0B2)),
        arguments(ABCD, 4_294_967_295L, registers(0xFFFF, 0xFFFF)));
  }

  /**
   * -5124095577148911 = -0x0012345678ABCDEF = 0xFFEDCBA987543211 (exact in a double). 5000000000000
   * = 0x0000048C27395000.
   */
  static Stream<Arguments> int64() {
    return Stream.of(
        arguments(ABCD, -5124095577148911L, registers(0xFFED, 0xCBA9, 0x8754, 0x3211)),
        arguments(CDAB, -5124095577148911L, registers(0x3211, 0x8754, 0xCBA9, 0xFFED)),
        arguments(BADC, -5124095577148911L, registers(0xEDFF, 0xA9CB, 0x5487, 0x1132)),
        arguments(DCBA, -5124095577148911L, registers(0x1132, 0x5487, 0xA9CB, 0xEDFF)),
        arguments(ABCD, 5_000_000_000_000L, registers(0x0000, 0x048C, 0x2739, 0x5000)),
        arguments(DCBA, 5_000_000_000_000L, registers(0x0050, 0x3927, 0x8C04, 0x0000)));
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("int16")
  void shouldEncodeInt16InEachOrder(ByteWordOrder order, long value, short[] expected) {
    assertEncodes(DataType.INT16, order, value, expected);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("int16")
  void shouldDecodeInt16InEachOrder(ByteWordOrder order, long value, short[] registers) {
    assertDecodes(DataType.INT16, order, registers, value);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("uint16")
  void shouldEncodeUint16InEachOrder(ByteWordOrder order, long value, short[] expected) {
    assertEncodes(DataType.UINT16, order, value, expected);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("uint16")
  void shouldDecodeUint16InEachOrder(ByteWordOrder order, long value, short[] registers) {
    assertDecodes(DataType.UINT16, order, registers, value);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("int32")
  void shouldEncodeInt32InEachOrder(ByteWordOrder order, long value, short[] expected) {
    assertEncodes(DataType.INT32, order, value, expected);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("int32")
  void shouldDecodeInt32InEachOrder(ByteWordOrder order, long value, short[] registers) {
    assertDecodes(DataType.INT32, order, registers, value);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("uint32")
  void shouldEncodeUint32InEachOrder(ByteWordOrder order, long value, short[] expected) {
    assertEncodes(DataType.UINT32, order, value, expected);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("uint32")
  void shouldDecodeUint32InEachOrder(ByteWordOrder order, long value, short[] registers) {
    assertDecodes(DataType.UINT32, order, registers, value);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("int64")
  void shouldEncodeInt64InEachOrder(ByteWordOrder order, long value, short[] expected) {
    assertEncodes(DataType.INT64, order, value, expected);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("int64")
  void shouldDecodeInt64InEachOrder(ByteWordOrder order, long value, short[] registers) {
    assertDecodes(DataType.INT64, order, registers, value);
  }

  private static void assertEncodes(
      DataType type, ByteWordOrder order, long value, short[] expected) {
    PointDefinition point = Points.numeric(type, order);
    assertThat(PointCodec.encode(point, value)).containsExactly(expected);
    assertThat(PointCodec.encode(Points.numeric(type, ABCD), value, order))
        .as("explicit order")
        .containsExactly(expected);
  }

  private static void assertDecodes(
      DataType type, ByteWordOrder order, short[] registers, long expected) {
    assertThat(PointCodec.decode(Points.numeric(type, order), registers))
        .isEqualTo((double) expected);
  }
}
