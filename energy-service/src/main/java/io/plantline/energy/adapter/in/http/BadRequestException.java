package io.plantline.energy.adapter.in.http;

/** A request value is missing or wrong; answered with 400 naming {@link #field()}. */
final class BadRequestException extends RuntimeException {
  private final String field;

  BadRequestException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  String field() {
    return field;
  }
}
