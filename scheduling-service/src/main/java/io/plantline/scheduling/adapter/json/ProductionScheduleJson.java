package io.plantline.scheduling.adapter.json;

import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import io.plantline.scheduling.domain.production.Disruption;
import io.plantline.scheduling.domain.production.ProductionRequest;
import io.plantline.scheduling.domain.production.ProductionRequest.Downtime;
import io.plantline.scheduling.domain.production.ScheduleResult;
import io.plantline.scheduling.domain.production.ScheduleResult.JobCompletion;
import io.plantline.scheduling.domain.production.ScheduleResult.MachineDowntime;
import io.plantline.scheduling.domain.production.ScheduleResult.PlannedOperation;
import io.plantline.scheduling.domain.production.ScheduleVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The JSON form of production schedules, used by the REST API and the store. Instants are ISO-8601
 * ({@code 2026-11-30T06:00:00Z}), durations ISO-8601 ({@code PT45M}). Reading names the path of any
 * missing or malformed field.
 */
public final class ProductionScheduleJson {
  /** Solver time when a request gives none. */
  public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(10);

  private ProductionScheduleJson() {}

  /** Reads a request body; unknown machines, cycles and the like are left to the domain. */
  public static ProductionRequest request(JsonObject body) {
    JsonObject horizon = object(body, "horizon", "horizon");
    JsonObject solver =
        body.getValue("solver") == null ? new JsonObject() : object(body, "solver", "solver");
    List<ProductionRequest.Machine> machines =
        list(body, "machines", "machines", ProductionScheduleJson::machine);
    List<ProductionRequest.Job> jobs = list(body, "jobs", "jobs", ProductionScheduleJson::job);
    Duration budget =
        solver.getValue("timeBudget") == null
            ? DEFAULT_TIME_BUDGET
            : duration(solver, "timeBudget", "solver.timeBudget");
    long seed = solver.getValue("seed") == null ? 1 : wholeNumber(solver, "seed", "solver.seed");
    try {
      return new ProductionRequest(
          text(body, "name", "name"),
          instant(horizon, "start", "horizon.start"),
          instant(horizon, "end", "horizon.end"),
          machines,
          jobs,
          budget,
          seed);
    } catch (InvalidJobShopException e) {
      throw new JsonFieldException(fieldOf(e.getMessage()), e.getMessage());
    }
  }

  /** Reads a disruption reported through the API; its key is made by the caller. */
  public static Disruption disruption(JsonObject body, String key) {
    try {
      return new Disruption(
          text(body, "machine", "machine"),
          instant(body, "from", "from"),
          instant(body, "to", "to"),
          text(body, "reason", "reason"),
          key);
    } catch (InvalidJobShopException e) {
      throw new JsonFieldException(fieldOf(e.getMessage()), e.getMessage());
    }
  }

  private static ProductionRequest.Machine machine(JsonObject json, String path) {
    List<Downtime> unavailable =
        json.getValue("unavailable") == null
            ? List.of()
            : list(json, "unavailable", path + ".unavailable", ProductionScheduleJson::downtime);
    return new ProductionRequest.Machine(text(json, "id", path + ".id"), unavailable);
  }

  private static Downtime downtime(JsonObject json, String path) {
    String reason =
        json.getValue("reason") == null ? "unavailable" : text(json, "reason", path + ".reason");
    try {
      return new Downtime(
          instant(json, "from", path + ".from"), instant(json, "to", path + ".to"), reason);
    } catch (InvalidJobShopException e) {
      throw new JsonFieldException(path + ".to", "must be after from");
    }
  }

  private static ProductionRequest.Job job(JsonObject json, String path) {
    return new ProductionRequest.Job(
        text(json, "id", path + ".id"),
        json.getValue("release") == null ? null : instant(json, "release", path + ".release"),
        json.getValue("due") == null ? null : instant(json, "due", path + ".due"),
        list(json, "operations", path + ".operations", ProductionScheduleJson::operation));
  }

  private static ProductionRequest.Operation operation(JsonObject json, String path) {
    List<String> after = null;
    if (json.getValue("after") != null) {
      Object value = json.getValue("after");
      if (!(value instanceof JsonArray array)) {
        throw new JsonFieldException(path + ".after", "must be an array of operation ids");
      }
      after = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof String s) || s.isBlank()) {
          throw new JsonFieldException(path + ".after[" + i + "]", "must be an operation id");
        }
        after.add(s);
      }
    }
    String id = text(json, "id", path + ".id");
    Duration duration = duration(json, "duration", path + ".duration");
    try {
      return new ProductionRequest.Operation(
          id, text(json, "machine", path + ".machine"), duration, after);
    } catch (InvalidJobShopException e) {
      throw new JsonFieldException(path + ".duration", e.getMessage());
    }
  }

  /** The request as stored (and as given back). */
  public static JsonObject request(ProductionRequest r) {
    JsonArray machines = new JsonArray();
    for (ProductionRequest.Machine m : r.machines()) {
      JsonArray unavailable = new JsonArray();
      for (Downtime d : m.unavailable()) {
        unavailable.add(
            new JsonObject()
                .put("from", d.from().toString())
                .put("to", d.to().toString())
                .put("reason", d.reason()));
      }
      machines.add(new JsonObject().put("id", m.id()).put("unavailable", unavailable));
    }
    JsonArray jobs = new JsonArray();
    for (ProductionRequest.Job j : r.jobs()) {
      JsonArray operations = new JsonArray();
      for (ProductionRequest.Operation o : j.operations()) {
        JsonObject op =
            new JsonObject()
                .put("id", o.id())
                .put("machine", o.machine())
                .put("duration", o.duration().toString());
        if (o.after() != null) {
          op.put("after", new JsonArray(new ArrayList<Object>(o.after())));
        }
        operations.add(op);
      }
      JsonObject job = new JsonObject().put("id", j.id()).put("operations", operations);
      if (j.release() != null) {
        job.put("release", j.release().toString());
      }
      if (j.due() != null) {
        job.put("due", j.due().toString());
      }
      jobs.add(job);
    }
    return new JsonObject()
        .put("name", r.name())
        .put(
            "horizon",
            new JsonObject()
                .put("start", r.horizonStart().toString())
                .put("end", r.horizonEnd().toString()))
        .put("machines", machines)
        .put("jobs", jobs)
        .put(
            "solver",
            new JsonObject().put("timeBudget", r.timeBudget().toString()).put("seed", r.seed()));
  }

  /** A result as stored and served. */
  public static JsonObject result(ScheduleResult r) {
    JsonArray operations = new JsonArray();
    for (PlannedOperation o : r.operations()) {
      operations.add(
          new JsonObject()
              .put("job", o.job())
              .put("operation", o.operation())
              .put("machine", o.machine())
              .put("start", o.start().toString())
              .put("end", o.end().toString())
              .put("fixed", o.fixed()));
    }
    JsonArray jobs = new JsonArray();
    for (JobCompletion j : r.jobs()) {
      JsonObject job = new JsonObject().put("job", j.job()).put("end", j.end().toString());
      if (j.due() != null) {
        job.put("due", j.due().toString()).put("lateness", j.lateness().toString());
      }
      jobs.add(job);
    }
    JsonArray downtimes = new JsonArray();
    for (MachineDowntime d : r.downtimes()) {
      downtimes.add(
          new JsonObject()
              .put("machine", d.machine())
              .put("from", d.from().toString())
              .put("to", d.to().toString())
              .put("reason", d.reason()));
    }
    return new JsonObject()
        .put("end", r.end().toString())
        .put("makespan", r.makespan().toString())
        .put("lowerBound", r.lowerBound().toString())
        .put("withinHorizon", r.withinHorizon())
        .put(
            "solver",
            new JsonObject()
                .put("generations", r.solver().generations())
                .put("elapsed", r.solver().elapsed().toString())
                .put("provenOptimal", r.solver().provenOptimal()))
        .put("operations", operations)
        .put("jobs", jobs)
        .put("downtimes", downtimes);
  }

  /** Reads a stored result. */
  public static ScheduleResult result(JsonObject json) {
    List<PlannedOperation> operations =
        list(
            json,
            "operations",
            "operations",
            (o, p) ->
                new PlannedOperation(
                    o.getString("job"),
                    o.getString("operation"),
                    o.getString("machine"),
                    instant(o, "start", p),
                    instant(o, "end", p),
                    o.getBoolean("fixed", false)));
    List<JobCompletion> jobs =
        list(
            json,
            "jobs",
            "jobs",
            (j, p) ->
                new JobCompletion(
                    j.getString("job"),
                    instant(j, "end", p),
                    j.getValue("due") == null ? null : instant(j, "due", p),
                    j.getValue("lateness") == null ? null : duration(j, "lateness", p)));
    List<MachineDowntime> downtimes =
        list(
            json,
            "downtimes",
            "downtimes",
            (d, p) ->
                new MachineDowntime(
                    d.getString("machine"),
                    instant(d, "from", p),
                    instant(d, "to", p),
                    d.getString("reason")));
    JsonObject solver = object(json, "solver", "solver");
    return new ScheduleResult(
        operations,
        jobs,
        downtimes,
        instant(json, "end", "end"),
        duration(json, "makespan", "makespan"),
        duration(json, "lowerBound", "lowerBound"),
        json.getBoolean("withinHorizon"),
        new ScheduleResult.SolverRun(
            solver.getInteger("generations"),
            duration(solver, "elapsed", "solver.elapsed"),
            solver.getBoolean("provenOptimal")));
  }

  /** A disruption as stored and served. */
  public static JsonObject disruption(Disruption d) {
    return new JsonObject()
        .put("machine", d.machine())
        .put("from", d.from().toString())
        .put("to", d.to().toString())
        .put("reason", d.reason())
        .put("key", d.key());
  }

  /** Reads a stored disruption. */
  public static Disruption storedDisruption(JsonObject json) {
    return disruption(json, json.getString("key"));
  }

  /** A version as the API shows it: status, what caused it, and the schedule when done. */
  public static JsonObject version(ScheduleVersion v) {
    JsonObject json =
        new JsonObject()
            .put("scheduleId", v.scheduleId())
            .put("version", v.version())
            .put("name", v.request().name())
            .put("status", v.status().name())
            .put(
                "horizon",
                new JsonObject()
                    .put("start", v.request().horizonStart().toString())
                    .put("end", v.request().horizonEnd().toString()))
            .put("createdAt", v.createdAt().toString());
    if (v.finishedAt() != null) {
      json.put("finishedAt", v.finishedAt().toString());
    }
    if (v.disruption() != null) {
      json.put("disruption", disruption(v.disruption()));
    }
    if (v.error() != null) {
      json.put("error", v.error());
    }
    if (v.result() != null) {
      json.put("result", result(v.result()));
    }
    return json;
  }

  private static String fieldOf(String message) {
    if (message.startsWith("horizon")) {
      return "horizon";
    }
    if (message.startsWith("timeBudget")) {
      return "solver.timeBudget";
    }
    if (message.startsWith("name")) {
      return "name";
    }
    if (message.startsWith("to ")) {
      return "to";
    }
    if (message.startsWith("machine")) {
      return "machine";
    }
    if (message.startsWith("reason")) {
      return "reason";
    }
    return "jobs";
  }

  private static <T> List<T> list(
      JsonObject json, String key, String path, BiFunction<JsonObject, String, T> element) {
    Object value = json.getValue(key);
    if (!(value instanceof JsonArray array)) {
      throw new JsonFieldException(path, value == null ? "is required" : "must be an array");
    }
    List<T> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        throw new JsonFieldException(path + "[" + i + "]", "must be an object");
      }
      items.add(element.apply(item, path + "[" + i + "]"));
    }
    return items;
  }

  private static JsonObject object(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (!(value instanceof JsonObject object)) {
      throw new JsonFieldException(path, value == null ? "is required" : "must be an object");
    }
    return object;
  }

  private static String text(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new JsonFieldException(
          path, value == null ? "is required" : "must be a non-empty string");
    }
    if (s.length() > 200) {
      throw new JsonFieldException(path, "at most 200 characters");
    }
    return s;
  }

  private static long wholeNumber(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new JsonFieldException(path, "must be a whole number");
    }
    return n.longValue();
  }

  private static Instant instant(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (!(value instanceof String s)) {
      throw new JsonFieldException(
          path, value == null ? "is required" : "must be an ISO-8601 instant");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new JsonFieldException(
          path, "'" + s + "' is not an ISO-8601 instant such as 2026-11-30T06:00:00Z");
    }
  }

  private static Duration duration(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (!(value instanceof String s)) {
      throw new JsonFieldException(
          path, value == null ? "is required" : "must be an ISO-8601 duration such as PT45M");
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new JsonFieldException(path, "'" + s + "' is not an ISO-8601 duration such as PT45M");
    }
  }
}
