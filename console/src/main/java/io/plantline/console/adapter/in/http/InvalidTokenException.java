package io.plantline.console.adapter.in.http;

/** A token that does not authenticate; the message says why (it is returned to the client). */
public final class InvalidTokenException extends RuntimeException {
  /**
   * @param reason why the token is refused
   */
  public InvalidTokenException(String reason) {
    super(reason, null, false, false);
  }
}
