package io.plantline.registermap;

/** The four Modbus data tables, each addressed from offset 0 to 65535. */
public enum RegisterTable {
  /** Read/write bits (function codes 1, 5, 15); Modicon 0xxxx. */
  COIL("coil", 0),
  /** Read-only bits (function code 2); Modicon 1xxxx. */
  DISCRETE_INPUT("di", 1),
  /** Read-only 16-bit registers (function code 4); Modicon 3xxxx. */
  INPUT_REGISTER("ir", 3),
  /** Read/write 16-bit registers (function codes 3, 6, 16); Modicon 4xxxx. */
  HOLDING_REGISTER("hr", 4);

  private final String prefix;
  private final int modiconDigit;

  RegisterTable(String prefix, int modiconDigit) {
    this.prefix = prefix;
    this.modiconDigit = modiconDigit;
  }

  /** Whether the table holds single bits (coils and discrete inputs) rather than registers. */
  public boolean isBit() {
    return this == COIL || this == DISCRETE_INPUT;
  }

  /** Whether a Modbus master may write to the table (coils and holding registers). */
  public boolean isWritable() {
    return this == COIL || this == HOLDING_REGISTER;
  }

  /** The canonical short prefix: {@code coil}, {@code di}, {@code ir} or {@code hr}. */
  String prefix() {
    return prefix;
  }

  /** The leading digit of the Modicon notation: 0, 1, 3 or 4. */
  int modiconDigit() {
    return modiconDigit;
  }
}
