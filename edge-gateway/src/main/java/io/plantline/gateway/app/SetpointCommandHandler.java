package io.plantline.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.topic.MqttTopic;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies setpoint commands that arrive over MQTT on {@code plantline/v1/{site}/+/+/command}: a
 * command for one of this gateway's devices is checked (payload, topic against payload, expiry) and
 * written ahead of the device's polls; every command this gateway owns gets exactly one {@link
 * SetpointResult} per arrival. A command id is applied at most once: a repeat (a QoS 1 redelivery)
 * is answered with the first result, or not at all while the first is still running. Commands for
 * devices of other gateways on the same site are ignored.
 */
final class SetpointCommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SetpointCommandHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes a point; fails with IllegalArgumentException for an unknown or read-only point. */
  interface PointWriter {
    CompletableFuture<Void> write(String deviceId, String point, double value);
  }

  private final Set<String> devices;
  private final PointWriter writer;
  private final Consumer<SetpointResult> results;
  private final GatewayMetrics metrics;
  private final Clock clock;
  // Recent command ids and their result (empty while the write is running), oldest first.
  private final Map<UUID, Optional<SetpointResult>> recent;

  SetpointCommandHandler(
      Set<String> devices,
      PointWriter writer,
      Consumer<SetpointResult> results,
      GatewayMetrics metrics,
      Clock clock,
      int rememberedCommands) {
    this.devices = Set.copyOf(devices);
    this.writer = writer;
    this.results = results;
    this.metrics = metrics;
    this.clock = clock;
    this.recent =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, Optional<SetpointResult>> eldest) {
            return size() > rememberedCommands;
          }
        };
  }

  /** Handles one MQTT message on a command topic. */
  void handle(String topicName, byte[] payload) {
    MqttTopic topic;
    try {
      topic = MqttTopic.parse(topicName);
    } catch (ContractViolationException e) {
      LOG.warn("setpoint command on a malformed topic {} ignored: {}", topicName, e.getMessage());
      metrics.setpointCommand("malformed");
      return;
    }
    if (!devices.contains(topic.deviceId())) {
      return; // another gateway's device
    }
    SetpointCommand command;
    try {
      command = Codecs.SETPOINT_COMMAND.decode(payload);
    } catch (ContractViolationException e) {
      String reason = "malformed command: " + e.field() + ": " + e.reason();
      LOG.warn("{}: {}", topicName, reason);
      JsonNode tree = readTree(payload);
      commandIdOf(tree)
          .ifPresentOrElse(
              id ->
                  publish(
                      result(
                          id, topic.deviceId(), pointOf(tree), SetpointOutcome.REJECTED, reason)),
              () -> metrics.setpointCommand("malformed"));
      return;
    }
    if (!command.deviceId().equals(topic.deviceId())) {
      publish(
          result(
              command,
              SetpointOutcome.REJECTED,
              "topic device "
                  + topic.deviceId()
                  + " differs from payload device "
                  + command.deviceId()));
      return;
    }
    synchronized (recent) {
      if (recent.containsKey(command.commandId())) {
        Optional<SetpointResult> first = recent.get(command.commandId());
        metrics.setpointCommand("repeated");
        first.ifPresent(results); // still running: its result follows
        return;
      }
      recent.put(command.commandId(), Optional.empty());
    }
    if (command.expiredAt(clock.instant())) {
      complete(command, SetpointOutcome.EXPIRED, "expired at " + command.expiresAt());
      return;
    }
    CompletableFuture<Void> write;
    try {
      write = writer.write(command.deviceId(), command.point(), command.value());
    } catch (IllegalArgumentException e) {
      complete(command, SetpointOutcome.REJECTED, e.getMessage());
      return;
    }
    write.whenComplete(
        (ok, error) -> {
          if (error == null) {
            complete(command, SetpointOutcome.APPLIED, null);
          } else {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            complete(command, outcomeOf(cause), describe(cause));
          }
        });
  }

  private static SetpointOutcome outcomeOf(Throwable cause) {
    return cause instanceof IllegalArgumentException
        ? SetpointOutcome.REJECTED
        : SetpointOutcome.FAILED;
  }

  private static String describe(Throwable cause) {
    if (cause instanceof ModbusSlaveException slave) {
      return "Modbus exception " + slave.getType() + " (" + slave.getMessage() + ")";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private void complete(SetpointCommand command, SetpointOutcome outcome, String reason) {
    SetpointResult result = result(command, outcome, reason);
    synchronized (recent) {
      recent.put(command.commandId(), Optional.of(result));
    }
    publish(result);
  }

  private void publish(SetpointResult result) {
    metrics.setpointCommand(result.outcome().name().toLowerCase(Locale.ROOT));
    if (result.outcome() != SetpointOutcome.APPLIED) {
      LOG.warn(
          "setpoint command {} for {}.{}: {} ({})",
          result.commandId(),
          result.deviceId(),
          result.point(),
          result.outcome(),
          result.reason());
    }
    results.accept(result);
  }

  private SetpointResult result(SetpointCommand command, SetpointOutcome outcome, String reason) {
    return result(command.commandId(), command.deviceId(), command.point(), outcome, reason);
  }

  private SetpointResult result(
      UUID commandId, String deviceId, String point, SetpointOutcome outcome, String reason) {
    return new SetpointResult(
        commandId,
        SetpointResult.SCHEMA_VERSION,
        deviceId,
        point,
        outcome,
        reason,
        clock.instant());
  }

  /** The JSON tree of a payload that failed validation, or a missing node if it is no JSON. */
  private static JsonNode readTree(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  /** The command id of a payload that failed validation, if it has a readable one. */
  private static Optional<UUID> commandIdOf(JsonNode tree) {
    JsonNode id = tree.path("commandId");
    if (!id.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(id.textValue()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The point of a payload that failed validation if it is a valid id, else "unknown". */
  private static String pointOf(JsonNode tree) {
    JsonNode point = tree.path("point");
    return point.isTextual() && Ids.isValid(point.textValue()) ? point.textValue() : "unknown";
  }
}
