package io.plantline.registermap;

import static io.plantline.registermap.ByteWordOrder.ABCD;
import static io.plantline.registermap.ByteWordOrder.CDAB;
import static io.plantline.registermap.ByteWordOrder.DCBA;
import static io.plantline.registermap.Points.registers;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** raw = (engineering - offset) / scale; engineering = raw * scale + offset. */
class ScalingTest {

  @Test
  void shouldScaleVoltageByATenth() {
    PointDefinition voltage = Points.scaled(DataType.UINT16, ABCD, 0.1, 0.0);

    assertThat(PointCodec.encode(voltage, 230.1)).containsExactly(registers(0x08FD));
    assertThat(PointCodec.decode(voltage, registers(0x08FD))).isEqualTo(230.1);
  }

  @Test
  void shouldScaleNegativePowerFactorByAThousandth() {
    PointDefinition powerFactor = Points.scaled(DataType.INT16, ABCD, 0.001, 0.0);

    assertThat(PointCodec.encode(powerFactor, -0.95)).containsExactly(registers(0xFC4A));
    assertThat(PointCodec.decode(powerFactor, registers(0xFC4A))).isEqualTo(-0.95);
  }

  @Test
  void shouldApplyOffsetAfterScale() {
    PointDefinition temperature = Points.scaled(DataType.INT16, ABCD, 0.1, -40.0);

    assertThat(PointCodec.encode(temperature, 25.0)).containsExactly(registers(0x028A));
    assertThat(PointCodec.decode(temperature, registers(0x028A))).isEqualTo(25.0);
    assertThat(PointCodec.decode(temperature, registers(0x0000))).isEqualTo(-40.0);
  }

  @Test
  void shouldScaleWordSwappedCurrent() {
    PointDefinition current = Points.scaled(DataType.UINT32, CDAB, 0.001, 0.0);

    assertThat(PointCodec.encode(current, 12.345)).containsExactly(registers(0x3039, 0x0000));
    assertThat(PointCodec.decode(current, registers(0x3039, 0x0000))).isEqualTo(12.345);
  }

  @Test
  void shouldScaleLittleEndianEnergyCounter() {
    PointDefinition energy = Points.scaled(DataType.INT64, DCBA, 0.001, 0.0);

    assertThat(PointCodec.encode(energy, 5_000_000_000.0))
        .containsExactly(registers(0x0050, 0x3927, 0x8C04, 0x0000));
    assertThat(PointCodec.decode(energy, registers(0x0050, 0x3927, 0x8C04, 0x0000)))
        .isEqualTo(5_000_000_000.0);
  }

  @Test
  void shouldScaleFloatsInDoubleArithmetic() {
    PointDefinition flow = Points.scaled(DataType.FLOAT32, ABCD, 0.1, 0.0);

    assertThat(PointCodec.encode(flow, 12.5)).containsExactly(registers(0x42FA, 0x0000));
    assertThat(PointCodec.decode(flow, registers(0x42FA, 0x0000))).isEqualTo(12.5);
  }

  @Test
  void shouldAcceptNegativeScale() {
    PointDefinition inverted = Points.scaled(DataType.INT16, ABCD, -1.0, 0.0);

    assertThat(PointCodec.encode(inverted, 5.0)).containsExactly(registers(0xFFFB));
    assertThat(PointCodec.decode(inverted, registers(0xFFFB))).isEqualTo(5.0);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2.5, 3", "-2.5, -3", "2.49, 2", "-2.49, -2", "0.5, 1", "-0.5, -1", "-0.4, 0"})
  void shouldRoundHalfAwayFromZero(double engineering, int raw) {
    PointDefinition point = Points.numeric(DataType.INT16, ABCD);

    assertThat(PointCodec.encode(point, engineering)).containsExactly((short) raw);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0.15, 2", "-0.15, -2", "0.25, 3", "0.14, 1"})
  void shouldRoundDecimalEngineeringValuesAsWritten(double engineering, int raw) {
    PointDefinition point = Points.scaled(DataType.INT16, ABCD, 0.1, 0.0);

    assertThat(PointCodec.encode(point, engineering)).containsExactly((short) raw);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.01, 1234.56, 99999.99, 42949672.95})
  void shouldRoundTripHundredthsThroughUint32(double hours) {
    PointDefinition operatingHours = Points.scaled(DataType.UINT32, CDAB, 0.01, 0.0);

    assertThat(PointCodec.decode(operatingHours, PointCodec.encode(operatingHours, hours)))
        .isEqualTo(hours);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-3316.8, -40.0, -0.1, 0.0, 21.7, 3236.7})
  void shouldRoundTripTenthsThroughInt16WithOffset(double celsius) {
    PointDefinition temperature = Points.scaled(DataType.INT16, ABCD, 0.1, -40.0);

    assertThat(PointCodec.decode(temperature, PointCodec.encode(temperature, celsius)))
        .isEqualTo(celsius);
  }
}
