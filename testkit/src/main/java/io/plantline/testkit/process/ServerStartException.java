package io.plantline.testkit.process;

/** A server of the testkit did not come up; the message carries the reason and its log tail. */
public final class ServerStartException extends RuntimeException {
  public ServerStartException(String message) {
    super(message);
  }

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
