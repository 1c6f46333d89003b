package io.plantline.registermap;

/**
 * The order of a value's bytes A B C D … (A most significant) in its registers.
 *
 * <table>
 *   <caption>Register contents per order</caption>
 *   <tr><th>order</th><th>16-bit</th><th>32-bit</th><th>64-bit</th></tr>
 *   <tr><td>ABCD</td><td>AB</td><td>AB CD</td><td>AB CD EF GH</td></tr>
 *   <tr><td>CDAB</td><td>AB</td><td>CD AB</td><td>GH EF CD AB</td></tr>
 *   <tr><td>BADC</td><td>BA</td><td>BA DC</td><td>BA DC FE HG</td></tr>
 *   <tr><td>DCBA</td><td>BA</td><td>DC BA</td><td>HG FE DC BA</td></tr>
 * </table>
 *
 * <p>ABCD is big-endian; CDAB swaps words (for 64-bit values: the four registers in reverse order);
 * BADC swaps the bytes within each register; DCBA does both. Strings hold two characters per
 * register, the first in the high byte; BADC and DCBA swap the bytes within each register and word
 * swapping does not apply to them.
 */
public enum ByteWordOrder {
  /** Big-endian: most significant register first, high byte first. */
  ABCD,
  /** Word-swapped: least significant register first, high byte first. */
  CDAB,
  /** Byte-swapped: most significant register first, low byte first. */
  BADC,
  /** Little-endian: least significant register first, low byte first. */
  DCBA;

  /** Whether the registers of a multi-register number come in reverse order. */
  boolean swapsWords() {
    return this == CDAB || this == DCBA;
  }

  /** Whether the two bytes within each register are swapped. */
  boolean swapsBytes() {
    return this == BADC || this == DCBA;
  }
}
