package io.plantline.gateway.app;

import io.plantline.gateway.domain.ReadBlock;

/** An answer that does not match its request (wrong count of registers or bits). */
final class MalformedResponseException extends Exception {
  MalformedResponseException(ReadBlock block, int received) {
    super(
        "asked "
            + block.table()
            + " "
            + block.offset()
            + " x"
            + block.quantity()
            + ", received "
            + received);
  }
}
