package io.plantline.scheduling.fuzz;

import io.plantline.scheduling.adapter.json.JsonFieldException;
import io.plantline.scheduling.adapter.json.ProductionScheduleJson;
import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import io.plantline.scheduling.domain.production.ProductionPlanner;
import io.plantline.scheduling.domain.production.ProductionRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Fuzz target: the body of {@code POST /api/v1/schedules}. It must be read and validated into a
 * request (which the store's JSON form then reproduces exactly) or refused with one of the three
 * errors the API turns into a 400 (not JSON, a field, a problem of the job shop); nothing else may
 * escape.
 */
public final class ScheduleRequestFuzzTarget {
  private ScheduleRequestFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) {
    ProductionRequest request;
    try {
      Object json = Buffer.buffer(input).toJson();
      if (!(json instanceof JsonObject body)) {
        return; // the API answers 400 "not a JSON object"
      }
      request = ProductionScheduleJson.request(body);
      ProductionPlanner.validate(request);
    } catch (DecodeException | JsonFieldException | InvalidJobShopException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new IllegalStateException("a refusal without a reason", e);
      }
      return;
    }
    ProductionRequest stored =
        ProductionScheduleJson.request(ProductionScheduleJson.request(request));
    if (!stored.equals(request)) {
      throw new IllegalStateException(
          "the stored form changes the request: " + request + " -> " + stored);
    }
  }
}
