package io.plantline.simulators;

import io.plantline.simulators.adapter.out.mqtt.MqttBrokerSettings;
import io.plantline.simulators.app.PlantFile;
import io.plantline.simulators.app.PlantRuntime;
import io.plantline.simulators.app.SimulatorOptions;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** A plant from YAML text, running on its own Vert.x, for integration tests. */
public final class TestPlant implements AutoCloseable {
  public static final String TOKEN = "test-control-token-0123456789";

  private final Vertx vertx = Vertx.vertx();
  private final PlantRuntime runtime;

  public TestPlant(String yaml) throws Exception {
    this(yaml, Optional.empty());
  }

  public TestPlant(String yaml, Optional<MqttBrokerSettings> mqtt) throws Exception {
    this(yaml, mqtt, OptionalInt.empty());
  }

  /** A plant whose Modbus devices serve a served-read counter at {@code servedCounter}. */
  public TestPlant(String yaml, Optional<MqttBrokerSettings> mqtt, OptionalInt servedCounter)
      throws Exception {
    PlantFile plant = PlantFile.parse(yaml, "test-plant.yaml", Path.of("plants").toAbsolutePath());
    runtime =
        await(
            PlantRuntime.start(
                vertx,
                plant,
                new SimulatorOptions(1, Optional.empty(), 0, TOKEN, mqtt, servedCounter)));
  }

  public PlantRuntime runtime() {
    return runtime;
  }

  public SimulatedDevice device(String id) {
    return runtime.devices().get(id);
  }

  public int port(String deviceId) {
    return runtime.endpointOf(deviceId).orElseThrow().port();
  }

  public String controlUrl() {
    return "http://127.0.0.1:" + runtime.controlPort();
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(runtime.stop());
    await(vertx.close());
  }
}
