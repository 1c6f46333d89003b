package io.plantline.registermap;

import static io.plantline.registermap.RegisterTable.COIL;
import static io.plantline.registermap.RegisterTable.DISCRETE_INPUT;
import static io.plantline.registermap.RegisterTable.HOLDING_REGISTER;
import static io.plantline.registermap.RegisterTable.INPUT_REGISTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterAddressTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "hr:0, HOLDING_REGISTER, 0",
    "holding:0, HOLDING_REGISTER, 0",
    "HR:7, HOLDING_REGISTER, 7",
    "ir:12, INPUT_REGISTER, 12",
    "input:12, INPUT_REGISTER, 12",
    "coil:3, COIL, 3",
    "di:7, DISCRETE_INPUT, 7",
    "hr:65535, HOLDING_REGISTER, 65535",
    "hr:007, HOLDING_REGISTER, 7"
  })
  void shouldParseExplicitZeroBasedNotation(String text, RegisterTable table, int offset) {
    assertThat(RegisterAddress.parse(text)).isEqualTo(new RegisterAddress(table, offset));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "00001, COIL, 0",
    "09999, COIL, 9998",
    "10001, DISCRETE_INPUT, 0",
    "30001, INPUT_REGISTER, 0",
    "30013, INPUT_REGISTER, 12",
    "40001, HOLDING_REGISTER, 0",
    "49999, HOLDING_REGISTER, 9998",
    "400001, HOLDING_REGISTER, 0",
    "410000, HOLDING_REGISTER, 9999",
    "465536, HOLDING_REGISTER, 65535",
    "000001, COIL, 0",
    "165536, DISCRETE_INPUT, 65535",
    "300001, INPUT_REGISTER, 0"
  })
  void shouldParseModiconOneBasedNotation(String text, RegisterTable table, int offset) {
    assertThat(RegisterAddress.parse(text)).isEqualTo(new RegisterAddress(table, offset));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "40000",
        "400000",
        "465537",
        "50001",
        "20001",
        "4001",
        "4000001",
        "hr:-1",
        "hr:65536",
        "hr:100000",
        "hr:",
        "hr",
        "xx:1",
        "coils:1",
        " hr:1",
        "hr:1 ",
        "hr: 1",
        "0x10",
        "4e4"
      })
  void shouldRejectOtherNotationsExplainingTheAcceptedOnes(String text) {
    assertThatThrownBy(() -> RegisterAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "' is not a register address")
        .hasMessageContaining("hr:N")
        .hasMessageContaining("4xxxx (hr)")
        .hasMessageContaining("400001..465536");
  }

  @ParameterizedTest
  @NullAndEmptySource
  void shouldRejectNullAndEmpty(String text) {
    assertThatThrownBy(() -> RegisterAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("it is empty");
  }

  @Test
  void shouldExplainWhyModiconZeroIsRejected() {
    assertThatThrownBy(() -> RegisterAddress.parse("40000"))
        .hasMessageContaining("Modicon numbers are 1-based, 4 digits run 1..9999");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "HOLDING_REGISTER, 0, hr:0, 40001",
    "INPUT_REGISTER, 12, ir:12, 30013",
    "COIL, 3, coil:3, 00004",
    "DISCRETE_INPUT, 7, di:7, 10008",
    "HOLDING_REGISTER, 9998, hr:9998, 49999",
    "HOLDING_REGISTER, 9999, hr:9999, 410000",
    "INPUT_REGISTER, 65535, ir:65535, 365536",
    "COIL, 10000, coil:10000, 010001"
  })
  void shouldRenderCanonicalAndModiconForms(
      RegisterTable table, int offset, String canonical, String modicon) {
    RegisterAddress address = new RegisterAddress(table, offset);

    assertThat(address).hasToString(canonical);
    assertThat(address.modicon()).isEqualTo(modicon);
    assertThat(RegisterAddress.parse(canonical)).isEqualTo(address);
    assertThat(RegisterAddress.parse(modicon)).isEqualTo(address);
  }

  @Test
  void shouldRejectOffsetsOutsideTheTable() {
    assertThatThrownBy(() -> new RegisterAddress(HOLDING_REGISTER, 65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset 65536 is outside 0..65535 in table HOLDING_REGISTER");
    assertThatThrownBy(() -> new RegisterAddress(COIL, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RegisterAddress(null, 0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void shouldKnowWhichTablesHoldBitsAndWhichAreWritable() {
    assertThat(COIL.isBit()).isTrue();
    assertThat(DISCRETE_INPUT.isBit()).isTrue();
    assertThat(INPUT_REGISTER.isBit()).isFalse();
    assertThat(HOLDING_REGISTER.isBit()).isFalse();
    assertThat(COIL.isWritable()).isTrue();
    assertThat(HOLDING_REGISTER.isWritable()).isTrue();
    assertThat(DISCRETE_INPUT.isWritable()).isFalse();
    assertThat(INPUT_REGISTER.isWritable()).isFalse();
  }
}
