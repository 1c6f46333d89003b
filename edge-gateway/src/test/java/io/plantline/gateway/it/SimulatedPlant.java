package io.plantline.gateway.it;

import io.plantline.simulators.app.PlantFile;
import io.plantline.simulators.app.PlantRuntime;
import io.plantline.simulators.app.SimulatorOptions;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Simulated Modbus devices (the real simulator, in this JVM) for gateway tests. */
final class SimulatedPlant implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final PlantRuntime runtime;

  SimulatedPlant(String yaml) throws Exception {
    PlantFile plant = PlantFile.parse(yaml, "gateway-test-plant.yaml", Path.of("."));
    runtime =
        await(
            PlantRuntime.start(
                vertx,
                plant,
                new SimulatorOptions(
                    1, Optional.empty(), 0, "gateway-test-control-token", Optional.empty())));
  }

  /** {@code count} devices of {@code model} named {@code <prefix>-001..}, each on its own port. */
  static String plant(String prefix, String model, int count, int tickMillis) {
    return """
        plant: gateway-test
        tickMillis: %d
        sites:
          - id: site-gw
            areas:
              - id: area-gw
                devices:
                  - {id: %s, model: %s, count: %d, seed: 42}
        """
        .formatted(tickMillis, prefix, model, count);
  }

  SimulatedDevice device(String id) {
    return runtime.devices().get(id);
  }

  int port(String deviceId) {
    return runtime.endpointOf(deviceId).orElseThrow().port();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(runtime.stop());
    await(vertx.close());
  }
}
