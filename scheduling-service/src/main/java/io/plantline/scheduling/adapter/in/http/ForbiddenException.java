package io.plantline.scheduling.adapter.in.http;

/** The caller's roles do not allow the request; answered with 403. */
final class ForbiddenException extends RuntimeException {
  ForbiddenException(String reason) {
    super(reason);
  }
}
