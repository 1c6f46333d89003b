package io.plantline.simulators.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plantline.simulators.device.DeviceAction;
import io.plantline.simulators.device.DeviceActions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario: actions scheduled in simulated time since the plant started, each for a device id or
 * a glob of ids ({@code spindle-*}).
 */
public record ScenarioFile(String name, List<ScheduledAction> actions) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * @param at simulated time since start
   * @param devicePattern a device id or a glob with {@code *}
   */
  public record ScheduledAction(Duration at, String devicePattern, DeviceAction action) {
    public boolean matches(String deviceId) {
      return deviceId.matches(
          java.util.regex.Pattern.quote(devicePattern).replace("*", "\\E.*\\Q"));
    }
  }

  public static ScenarioFile load(String pathOrName) {
    try {
      return parse(
          Files.readString(Path.of(pathOrName)), Path.of(pathOrName).getFileName().toString());
    } catch (IOException e) {
      throw new ConfigException(pathOrName, "", "cannot read: " + e.getMessage());
    }
  }

  public static ScenarioFile parse(String yaml, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(source, "", "not valid YAML: " + e.getMessage());
    }
    ConfigNode root = new ConfigNode(source, "", tree).onlyKeys(Set.of("scenario", "events"));
    List<ScheduledAction> actions = new ArrayList<>();
    for (ConfigNode event : root.list("events")) {
      Duration at = event.duration("at");
      String device = event.text("device");
      Map<String, Object> spec = event.asScalars();
      try {
        actions.add(new ScheduledAction(at, device, DeviceActions.parse(spec)));
      } catch (IllegalArgumentException e) {
        throw event.error(e.getMessage());
      }
    }
    actions.sort(Comparator.comparing(ScheduledAction::at));
    return new ScenarioFile(root.text("scenario"), List.copyOf(actions));
  }
}
