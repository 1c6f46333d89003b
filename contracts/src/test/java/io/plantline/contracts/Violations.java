package io.plantline.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Catches the {@link ContractViolationException} a call must throw. */
public final class Violations {

  private Violations() {}

  /** Runs {@code call}, asserts it throws a contract violation, and returns it. */
  public static ContractViolationException violation(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ContractViolationException.class);
    return (ContractViolationException) thrown;
  }
}
