package io.plantline.scheduling.domain.jobshop;

/** A job-shop problem that cannot be scheduled as given; the message names what is wrong. */
public final class InvalidJobShopException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a reason naming the offending job, operation or machine. */
  public InvalidJobShopException(String reason) {
    super(reason);
  }
}
