package io.plantline.console.adapter.in.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The console's HTTP meters, exported on {@code /metrics}. */
public final class ConsoleMetrics {
  private final MeterRegistry registry;
  private final Counter loginsOk;
  private final Counter loginsFailed;
  private final Counter authFailed;

  /** Meters in {@code registry}. */
  public ConsoleMetrics(MeterRegistry registry) {
    this.registry = registry;
    loginsOk = registry.counter("plantline.console.logins", "outcome", "ok");
    loginsFailed = registry.counter("plantline.console.logins", "outcome", "failed");
    authFailed = registry.counter("plantline.console.authentication.failures");
  }

  void login(boolean ok) {
    (ok ? loginsOk : loginsFailed).increment();
  }

  void authenticationFailed() {
    authFailed.increment();
  }

  void rateLimited(String what) {
    registry.counter("plantline.console.rate.limited", "limit", what).increment();
  }

  void upstream(String service, int status, long nanos) {
    Timer.builder("plantline.console.upstream.requests")
        .tag("service", service)
        .tag("status", status / 100 + "xx")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The registry, for gauges of other parts. */
  public MeterRegistry registry() {
    return registry;
  }
}
