package io.plantline.simulators.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One device of a plant file, replicas already expanded.
 *
 * @param protocol {@code modbus} (served on a Modbus TCP port) or {@code mqtt} (publishes JSON)
 * @param registerMap built-in register map type or a path relative to the plant file
 * @param port Modbus TCP port, 0 for a free one; devices sharing a port are told apart by unit id
 * @param actions actions applied at start (faults, events), as in a scenario
 * @param sourcePath where in the plant file it was declared, for error messages
 */
public record DeviceSpec(
    String deviceId,
    String siteId,
    String areaId,
    String model,
    String protocol,
    String registerMap,
    int unitId,
    int port,
    long seed,
    String serialNumber,
    Map<String, Object> params,
    Duration publishInterval,
    List<Map<String, Object>> actions,
    String sourcePath) {

  public DeviceSpec {
    params = Map.copyOf(params);
    actions = List.copyOf(actions);
  }
}
