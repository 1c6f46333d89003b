package io.plantline.registermap;

import static io.plantline.registermap.ByteWordOrder.ABCD;
import static io.plantline.registermap.ByteWordOrder.BADC;
import static io.plantline.registermap.ByteWordOrder.CDAB;
import static io.plantline.registermap.ByteWordOrder.DCBA;
import static io.plantline.registermap.Points.registers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strings: two ASCII characters per register, first in the high byte, NUL padded. */
class StringCodecTest {

  /** "ABCDE" (odd length 5) = 41 42 43 44 45 00; words are never swapped for strings. */
  static Stream<Arguments> oddLength() {
    return Stream.of(
        arguments(ABCD, registers(0x4142, 0x4344, 0x4500)),
        arguments(CDAB, registers(0x4142, 0x4344, 0x4500)),
        arguments(BADC, registers(0x4241, 0x4443, 0x0045)),
        arguments(DCBA, registers(0x4241, 0x4443, 0x0045)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddLength")
  void shouldEncodeOddLengthStringInEachOrder(ByteWordOrder order, short[] expected) {
    assertThat(PointCodec.encodeString(Points.string(5, order), "ABCDE")).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddLength")
  void shouldDecodeOddLengthStringInEachOrder(ByteWordOrder order, short[] registers) {
    assertThat(PointCodec.decodeString(Points.string(5, order), registers)).isEqualTo("ABCDE");
  }

  @Test
  void shouldPadShortTextWithNul() {
    PointDefinition serial = Points.string(8, ABCD);

    assertThat(PointCodec.encodeString(serial, "SN1"))
        .containsExactly(registers(0x534E, 0x3100, 0x0000, 0x0000));
    assertThat(PointCodec.encodeString(serial, ""))
        .containsExactly(registers(0x0000, 0x0000, 0x0000, 0x0000));
  }

  @Test
  void shouldTrimTrailingNulsAndSpacesOnly() {
    PointDefinition serial = Points.string(8, ABCD);

    assertThat(PointCodec.decodeString(serial, registers(0x4120, 0x4220, 0x2000, 0x2020)))
        .isEqualTo("A B");
    assertThat(PointCodec.decodeString(serial, registers(0x2041, 0x0000, 0x0000, 0x0000)))
        .isEqualTo(" A");
  }

  @Test
  void shouldIgnoreThePaddingByteBeyondAnOddLength() {
    PointDefinition code = Points.string(3, ABCD);

    assertThat(PointCodec.decodeString(code, registers(0x4142, 0x435A))).isEqualTo("ABC");
  }

  @Test
  void shouldRejectTextLongerThanStringLength() {
    assertThatThrownBy(() -> PointCodec.encodeString(Points.string(4, ABCD), "ABCDE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 'serial_number': text of 5 characters is longer than stringLength 4");
  }

  @Test
  void shouldRejectNonAsciiText() {
    assertThatThrownBy(() -> PointCodec.encodeString(Points.string(8, ABCD), "Müller"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 'serial_number': character 'ü' at index 1 is not US-ASCII");
  }

  @Test
  void shouldRejectStringCallsOnNumericPointsAndNumericCallsOnStrings() {
    PointDefinition number = Points.numeric(DataType.UINT16, ABCD);
    PointDefinition text = Points.string(4, ABCD);

    assertThatThrownBy(() -> PointCodec.encodeString(number, "1"))
        .hasMessage("point 'test_uint16': is a uint16 point, not a string");
    assertThatThrownBy(() -> PointCodec.encode(text, 1.0))
        .hasMessage("point 'serial_number': is a string point; use encodeString/decodeString");
    assertThatThrownBy(() -> PointCodec.decode(text, registers(0, 0)))
        .hasMessageContaining("use encodeString/decodeString");
  }

  @Test
  void shouldRejectWrongRegisterCountForString() {
    assertThatThrownBy(() -> PointCodec.decodeString(Points.string(5, ABCD), registers(0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 'serial_number': expected 3 registers for string, got 2");
  }
}
