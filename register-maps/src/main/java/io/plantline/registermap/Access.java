package io.plantline.registermap;

/** Whether the gateway may write a point: only coils and holding registers can be written. */
public enum Access {
  /** Read only; the default. */
  READ,
  /**
   * Read and write; allowed in {@link RegisterTable#COIL} and {@link
   * RegisterTable#HOLDING_REGISTER}.
   */
  READ_WRITE
}
