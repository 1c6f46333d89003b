package io.plantline.simulators.app;

import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMaps;
import io.plantline.simulators.adapter.in.http.ControlApi;
import io.plantline.simulators.adapter.in.modbus.ModbusTcpServer;
import io.plantline.simulators.adapter.out.mqtt.MqttDeviceSimulator;
import io.plantline.simulators.device.DeviceActions;
import io.plantline.simulators.device.DeviceIdentity;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.simulators.domain.DeviceModel;
import io.plantline.simulators.domain.DeviceModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running simulated plant: Modbus TCP endpoints, MQTT devices, the simulation engine and the
 * control API, all on one Vert.x instance that the caller owns.
 */
public final class PlantRuntime {
  private final Vertx vertx;
  private final PlantFile plant;
  private final SimulationEngine engine;
  private final Map<String, SimulatedDevice> devices;
  private final List<ModbusTcpServer> endpoints;
  private final ControlApi controlApi;
  private final List<String> deployments;

  private PlantRuntime(
      Vertx vertx,
      PlantFile plant,
      SimulationEngine engine,
      Map<String, SimulatedDevice> devices,
      List<ModbusTcpServer> endpoints,
      ControlApi controlApi,
      List<String> deployments) {
    this.vertx = vertx;
    this.plant = plant;
    this.engine = engine;
    this.devices = devices;
    this.endpoints = endpoints;
    this.controlApi = controlApi;
    this.deployments = deployments;
  }

  /**
   * Builds every device (a bad model parameter or register map fails here, naming the device) and
   * starts the plant.
   */
  public static Future<PlantRuntime> start(Vertx vertx, PlantFile plant, SimulatorOptions options) {
    Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
    Map<String, DeviceSpec> specs = new HashMap<>();
    for (DeviceSpec spec : plant.devices()) {
      devices.put(spec.deviceId(), build(spec, plant.baseDir(), options));
      specs.put(spec.deviceId(), spec);
    }
    boolean hasMqttDevices = specs.values().stream().anyMatch(s -> s.protocol().equals("mqtt"));
    if (hasMqttDevices && options.mqtt().isEmpty()) {
      throw new IllegalArgumentException(
          "plant " + plant.name() + " has MQTT devices: give the broker with --mqtt-url");
    }
    List<ModbusTcpServer> endpoints = endpoints(plant, devices, specs);
    List<Future<String>> deploying = new ArrayList<>();
    endpoints.forEach(e -> deploying.add(vertx.deployVerticle(e)));
    specs.values().stream()
        .filter(s -> s.protocol().equals("mqtt"))
        .forEach(
            s ->
                deploying.add(
                    vertx.deployVerticle(
                        new MqttDeviceSimulator(
                            devices.get(s.deviceId()),
                            options.mqtt().orElseThrow(),
                            s.publishInterval()))));
    SimulationEngine engine =
        new SimulationEngine(
            vertx,
            List.copyOf(devices.values()),
            plant.tick(),
            options.speed(),
            options.scenario().orElse(null));
    Map<String, String> endpointOf = new HashMap<>();
    endpoints.forEach(
        e -> e.devices().values().forEach(d -> endpointOf.put(d.identity().deviceId(), "pending")));
    List<ControlApi.DeviceView> views = new ArrayList<>();
    ControlApi[] api = new ControlApi[1];
    return Future.all(deploying)
        .compose(
            all -> {
              for (ModbusTcpServer e : endpoints) {
                e.devices()
                    .values()
                    .forEach(
                        d -> endpointOf.put(d.identity().deviceId(), e.host() + ":" + e.port()));
              }
              devices
                  .values()
                  .forEach(
                      d ->
                          views.add(
                              new ControlApi.DeviceView(
                                  d, endpointOf.getOrDefault(d.identity().deviceId(), "mqtt"))));
              api[0] =
                  new ControlApi(
                      plant.bind(),
                      options.controlPort(),
                      options.controlToken(),
                      views,
                      options.servedCounterAddress(),
                      () ->
                          new JsonObject()
                              .put("plant", plant.name())
                              .put("speed", engine.speed())
                              .put("simulatedSeconds", engine.simulatedTime().toMillis() / 1000.0));
              return vertx.deployVerticle(api[0]);
            })
        .map(
            controlDeployment -> {
              engine.start();
              List<String> ids = new ArrayList<>();
              deploying.forEach(f -> ids.add(f.result()));
              ids.add(controlDeployment);
              return new PlantRuntime(vertx, plant, engine, devices, endpoints, api[0], ids);
            });
  }

  private static SimulatedDevice build(DeviceSpec spec, Path baseDir, SimulatorOptions options) {
    try {
      Map<String, Object> params = new HashMap<>(spec.params());
      if (params.get("file") instanceof String file) {
        params.put("file", baseDir.resolve(file).toString());
      }
      DeviceModel model = DeviceModels.create(spec.model(), params, spec.seed());
      RegisterMap map =
          RegisterMaps.builtInTypes().contains(spec.registerMap())
              ? RegisterMaps.builtIn(spec.registerMap())
              : RegisterMaps.load(baseDir.resolve(spec.registerMap()));
      DeviceIdentity identity =
          new DeviceIdentity(
              spec.deviceId(), spec.siteId(), spec.areaId(), spec.model(), spec.unitId());
      SimulatedDevice device =
          new SimulatedDevice(
              identity, map, model, Map.of("serial_number", spec.serialNumber()), spec.seed());
      if (spec.protocol().equals("modbus")) {
        options.servedCounterAddress().ifPresent(a -> enableServedCounter(device, a));
      }
      spec.actions().forEach(a -> DeviceActions.parse(a).applyTo(device));
      return device;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          spec.sourcePath() + " (" + spec.deviceId() + "): " + e.getMessage(), e);
    }
  }

  private static void enableServedCounter(SimulatedDevice device, int address) {
    try {
      device.enableServedCounter(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--served-counter " + address + ": " + e.getMessage(), e);
    }
  }

  /** One endpoint per fixed port (devices told apart by unit id), one per device on port 0. */
  private static List<ModbusTcpServer> endpoints(
      PlantFile plant, Map<String, SimulatedDevice> devices, Map<String, DeviceSpec> specs) {
    Map<Integer, Map<Integer, SimulatedDevice>> byPort = new LinkedHashMap<>();
    List<ModbusTcpServer> endpoints = new ArrayList<>();
    for (SimulatedDevice device : devices.values()) {
      DeviceSpec spec = specs.get(device.identity().deviceId());
      if (!spec.protocol().equals("modbus")) {
        continue;
      }
      if (spec.port() == 0) {
        endpoints.add(new ModbusTcpServer(plant.bind(), 0, Map.of(device.unitId(), device)));
      } else {
        byPort
            .computeIfAbsent(spec.port(), p -> new LinkedHashMap<>())
            .put(device.unitId(), device);
      }
    }
    byPort.forEach((port, units) -> endpoints.add(new ModbusTcpServer(plant.bind(), port, units)));
    return endpoints;
  }

  public PlantFile plant() {
    return plant;
  }

  public Map<String, SimulatedDevice> devices() {
    return devices;
  }

  public List<ModbusTcpServer> modbusEndpoints() {
    return endpoints;
  }

  /** The Modbus endpoint ({@code host:port}) serving {@code deviceId}. */
  public Optional<ModbusTcpServer> endpointOf(String deviceId) {
    return endpoints.stream()
        .filter(
            e ->
                e.devices().values().stream()
                    .anyMatch(d -> d.identity().deviceId().equals(deviceId)))
        .findFirst();
  }

  public int controlPort() {
    return controlApi.port();
  }

  public java.time.Duration simulatedTime() {
    return engine.simulatedTime();
  }

  /** Stops the engine and undeploys everything this runtime deployed (MQTT devices say DEATH). */
  public Future<Void> stop() {
    engine.stop();
    List<Future<Void>> undeploying = new ArrayList<>();
    deployments.forEach(id -> undeploying.add(vertx.undeploy(id)));
    return Future.all(undeploying).mapEmpty();
  }
}
