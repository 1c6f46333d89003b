package io.plantline.console.adapter.out.http;

/**
 * A service behind the console could not be asked: 502 when it is down or answered nonsense, 504
 * when it did not answer in time. The message names the service and the reason.
 */
public final class UpstreamException extends RuntimeException {
  private final int status;

  /**
   * @param status the status the console answers with
   * @param message what went wrong, naming the service
   */
  public UpstreamException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** 502 or 504. */
  public int status() {
    return status;
  }
}
