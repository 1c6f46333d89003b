package io.plantline.simulators.domain;

/** Operating state of a rotating machine, with its register code. */
enum RunState {
  IDLE(0),
  RUNNING(1),
  FAULT(2);

  private final int code;

  RunState(int code) {
    this.code = code;
  }

  /** The value of the {@code state} point. */
  int code() {
    return code;
  }
}
