package io.plantline.gateway.domain;

import static io.plantline.gateway.domain.TestPoints.regs;
import static io.plantline.registermap.ByteWordOrder.ABCD;
import static io.plantline.registermap.ByteWordOrder.BADC;
import static io.plantline.registermap.ByteWordOrder.CDAB;
import static io.plantline.registermap.ByteWordOrder.DCBA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.registermap.DataType;
import org.junit.jupiter.api.Test;

class ByteOrderProbeTest {

  @Test
  void shouldFindTheOrderOfAFloat32() {
    assertThat(ByteOrderProbe.matching(DataType.FLOAT32, regs(0x42F6, 0xE979), 123.456, 1e-3))
        .containsExactly(ABCD);
    assertThat(ByteOrderProbe.matching(DataType.FLOAT32, regs(0xE979, 0x42F6), 123.456, 1e-3))
        .containsExactly(CDAB);
    assertThat(ByteOrderProbe.matching(DataType.FLOAT32, regs(0xF642, 0x79E9), 123.456, 1e-3))
        .containsExactly(BADC);
    assertThat(ByteOrderProbe.matching(DataType.FLOAT32, regs(0x79E9, 0xF642), 123.456, 1e-3))
        .containsExactly(DCBA);
  }

  @Test
  void shouldFindTheOrderOfANegativeInt32() {
    assertThat(ByteOrderProbe.matching(DataType.INT32, regs(0x32EB, 0xF8A4), -123_456_789, 0))
        .containsExactly(CDAB);
    assertThat(ByteOrderProbe.matching(DataType.INT32, regs(0xA4F8, 0xEB32), -123_456_789, 0))
        .containsExactly(BADC);
  }

  @Test
  void shouldFindTheOrderOfAUint32AboveTheInt32Range() {
    assertThat(ByteOrderProbe.matching(DataType.UINT32, regs(0xB2D0, 0x5E00), 3_000_000_000.0, 0))
        .containsExactly(ABCD);
    assertThat(ByteOrderProbe.matching(DataType.UINT32, regs(0x005E, 0xD0B2), 3_000_000_000.0, 0))
        .containsExactly(DCBA);
  }

  @Test
  void shouldFindTheOrderOfAFloat64() {
    assertThat(
            ByteOrderProbe.matching(
                DataType.FLOAT64, regs(0x4093, 0x4A45, 0x6D5C, 0xFAAD), 1234.5678, 1e-9))
        .containsExactly(ABCD);
    assertThat(
            ByteOrderProbe.matching(
                DataType.FLOAT64, regs(0xFAAD, 0x6D5C, 0x4A45, 0x4093), 1234.5678, 1e-9))
        .containsExactly(CDAB);
  }

  @Test
  void shouldFindTheOrderOfAnInt64() {
    assertThat(
            ByteOrderProbe.matching(
                DataType.INT64, regs(0xCB04, 0xFB71, 0x1F01, 0x0000), 1_234_567_890_123.0, 0))
        .containsExactly(DCBA);
    assertThat(
            ByteOrderProbe.matching(
                DataType.INT64, regs(0xFFFF, 0xE0FE, 0x048E, 0x35FB), -1_234_567_890_123.0, 0))
        .containsExactly(BADC);
  }

  @Test
  void shouldReportEveryOrderThatFitsWhenTheValueCannotTellThemApart() {
    assertThat(ByteOrderProbe.matching(DataType.UINT16, regs(0x1234), 0x1234, 0))
        .containsExactly(ABCD, CDAB);
    assertThat(ByteOrderProbe.matching(DataType.UINT32, regs(0x0101, 0x0101), 0x01010101, 0))
        .containsExactly(ABCD, CDAB, BADC, DCBA);
  }

  @Test
  void shouldFindNoOrderForAValueTheRegistersDoNotHold() {
    assertThat(ByteOrderProbe.matching(DataType.FLOAT32, regs(0x42F6, 0xE979), 99.0, 0.5))
        .isEmpty();
  }

  @Test
  void shouldRejectNonNumericTypesAndWrongRegisterCounts() {
    assertThatThrownBy(() -> ByteOrderProbe.matching(DataType.STRING, regs(0x4142), 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteOrderProbe.matching(DataType.FLOAT64, regs(0x4142, 0), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FLOAT64 needs 4 registers, got 2");
  }
}
