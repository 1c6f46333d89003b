package io.plantline.scheduling.adapter.in.http;

import io.plantline.scheduling.adapter.json.JsonFieldException;
import io.plantline.scheduling.adapter.json.ProductionScheduleJson;
import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import io.plantline.scheduling.domain.production.ProductionSchedules;
import io.plantline.scheduling.domain.production.ProductionSchedules.ReplanOutcome;
import io.plantline.scheduling.domain.production.ScheduleStore;
import io.plantline.scheduling.domain.production.ScheduleVersion;
import io.plantline.scheduling.domain.production.SolverQueue;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The production-schedule REST routes, mounted by {@link WorkOrderApiVerticle} behind its JWT and
 * role checks.
 *
 * <ul>
 *   <li>{@code POST /api/v1/schedules} (planner): validates and queues a request; 202 with the id,
 *       400 naming the field or the problem (unknown machine, negative duration, empty job, cyclic
 *       precedence), 503 with {@code Retry-After} when the solver queue is full.
 *   <li>{@code GET /api/v1/schedules}: the newest schedules, latest version each, without
 *       operations.
 *   <li>{@code GET /api/v1/schedules/{id}}: the latest version with its result when DONE.
 *   <li>{@code GET /api/v1/schedules/{id}/versions/{version}}: one version.
 *   <li>{@code POST /api/v1/schedules/{id}/disruptions} (technician, planner): a machine is down
 *       from/to; queues a re-plan. A {@code disruptionId} makes retries safe.
 * </ul>
 */
public final class ProductionScheduleRoutes {
  /** Largest list. */
  static final int MAX_LIST = 100;

  private final ProductionSchedules schedules;
  private final ScheduleStore store;
  private final SolverQueue queue;

  /** Routes over the use cases, the store (reads) and the solver queue. */
  public ProductionScheduleRoutes(
      ProductionSchedules schedules, ScheduleStore store, SolverQueue queue) {
    this.schedules = schedules;
    this.store = store;
    this.queue = queue;
  }

  void mount(Router router, Blocking blocking) {
    router.post("/api/v1/schedules").handler(ctx -> submit(ctx, blocking));
    router.get("/api/v1/schedules").handler(ctx -> list(ctx, blocking));
    router.get("/api/v1/schedules/:id").handler(ctx -> latest(ctx, blocking));
    router.get("/api/v1/schedules/:id/versions/:version").handler(ctx -> version(ctx, blocking));
    router.post("/api/v1/schedules/:id/disruptions").handler(ctx -> disrupt(ctx, blocking));
  }

  /** Runs blocking work off the event loop and maps failures to answers (the verticle's). */
  interface Blocking {
    <T> void run(RoutingContext ctx, Callable<T> work, Consumer<T> reply);
  }

  private void submit(RoutingContext ctx, Blocking blocking) {
    if (!WorkOrderApiVerticle.roles(ctx.user()).contains(WorkOrderApiVerticle.PLANNER)) {
      WorkOrderApiVerticle.error(
          ctx, 403, "only a planner may ask for a production schedule", null);
      return;
    }
    blocking.run(
        ctx,
        () -> {
          ScheduleVersion first = schedules.submit(request(ctx));
          if (queue.offer(first)) {
            return first;
          }
          schedules.refuse(first, "the solver queue was full");
          return null;
        },
        first -> {
          if (first == null) {
            ctx.response().putHeader("retry-after", "10");
            WorkOrderApiVerticle.error(ctx, 503, "the solver queue is full, try again later", null);
            return;
          }
          ctx.response().putHeader("location", "/api/v1/schedules/" + first.scheduleId());
          WorkOrderApiVerticle.json(ctx, 202, summary(first));
        });
  }

  private void disrupt(RoutingContext ctx, Blocking blocking) {
    String id = ctx.pathParam("id");
    blocking.run(
        ctx,
        () -> {
          JsonObject body = WorkOrderApiVerticle.body(ctx);
          Object given = body.getValue("disruptionId");
          if (given != null && !(given instanceof String s && !s.isBlank() && s.length() <= 100)) {
            throw new BadRequestException(
                "disruptionId", "must be a non-empty string of at most 100 characters");
          }
          String key = "report " + (given != null ? given : UUID.randomUUID());
          try {
            ReplanOutcome outcome =
                schedules.disrupt(id, ProductionScheduleJson.disruption(body, key));
            if (outcome instanceof ReplanOutcome.Queued queued) {
              queue.put(queued.version());
            }
            return outcome;
          } catch (JsonFieldException e) {
            throw new BadRequestException(
                e.field(), e.getMessage().substring(e.field().length() + 2));
          } catch (InvalidJobShopException e) {
            throw new BadRequestException("machine", e.getMessage());
          }
        },
        outcome -> {
          if (outcome instanceof ReplanOutcome.Queued queued) {
            WorkOrderApiVerticle.json(ctx, 202, summary(queued.version()));
          } else if (outcome instanceof ReplanOutcome.AlreadyApplied applied) {
            WorkOrderApiVerticle.json(ctx, 200, summary(applied.version()));
          } else {
            WorkOrderApiVerticle.error(ctx, 404, "no schedule " + id, null);
          }
        });
  }

  private void list(RoutingContext ctx, Blocking blocking) {
    blocking.run(
        ctx,
        () -> {
          String limitParam = ctx.request().getParam("limit");
          int limit = 25;
          if (limitParam != null) {
            try {
              limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
              limit = -1;
            }
            if (limit < 1 || limit > MAX_LIST) {
              throw new BadRequestException(
                  "limit", "must be a whole number from 1 to " + MAX_LIST);
            }
          }
          JsonArray items = new JsonArray();
          for (String scheduleId : store.recent(limit)) {
            store.latest(scheduleId).ifPresent(v -> items.add(summary(v)));
          }
          return new JsonObject().put("items", items);
        },
        page -> WorkOrderApiVerticle.json(ctx, 200, page));
  }

  private void latest(RoutingContext ctx, Blocking blocking) {
    String id = ctx.pathParam("id");
    blocking.run(
        ctx,
        () -> validId(id) ? store.latest(id) : Optional.<ScheduleVersion>empty(),
        v -> answer(ctx, id, v));
  }

  private void version(RoutingContext ctx, Blocking blocking) {
    String id = ctx.pathParam("id");
    String number = ctx.pathParam("version");
    blocking.run(
        ctx,
        () -> {
          int version;
          try {
            version = Integer.parseInt(number);
          } catch (NumberFormatException e) {
            throw new BadRequestException("version", "must be a whole number");
          }
          List<ScheduleVersion> versions = validId(id) ? store.versions(id) : List.of();
          return versions.stream().filter(v -> v.version() == version).findFirst();
        },
        v -> answer(ctx, id, v));
  }

  private static void answer(RoutingContext ctx, String id, Optional<ScheduleVersion> version) {
    if (version.isEmpty()) {
      WorkOrderApiVerticle.error(ctx, 404, "no schedule " + id, null);
    } else {
      WorkOrderApiVerticle.json(ctx, 200, ProductionScheduleJson.version(version.get()));
    }
  }

  private static JsonObject summary(ScheduleVersion v) {
    JsonObject json = ProductionScheduleJson.version(v);
    JsonObject result = json.getJsonObject("result");
    if (result != null) {
      result.remove("operations");
      result.remove("jobs");
    }
    return json;
  }

  private static boolean validId(String id) {
    try {
      UUID.fromString(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static io.plantline.scheduling.domain.production.ProductionRequest request(
      RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequestException("body", "not a JSON object");
    }
    if (body == null) {
      throw new BadRequestException("body", "a JSON object is required");
    }
    try {
      return ProductionScheduleJson.request(body);
    } catch (JsonFieldException e) {
      throw new BadRequestException(e.field(), e.getMessage().substring(e.field().length() + 2));
    }
  }
}
