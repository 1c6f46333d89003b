package io.plantline.contracts.topic;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;

/**
 * An MQTT topic of one device: {@code plantline/v1/{siteId}/{areaId}/{deviceId}/{kind}}, where kind
 * is {@code telemetry} (a {@code TelemetryBatch}) or {@code status} (a retained {@code
 * DeviceStatus} birth, or the death set as last will).
 *
 * <p>Ids follow {@link Ids}, so they never hold {@code /}, {@code +} or {@code #}. Build topics
 * with {@link #telemetry} and {@link #status}, read them with {@link #parse}, and subscribe with
 * {@link #filter} or {@link #sharedFilter}.
 *
 * @param siteId site of the device
 * @param areaId area of the device within its site
 * @param deviceId the device
 * @param kind what the topic carries
 */
public record MqttTopic(String siteId, String areaId, String deviceId, Kind kind) {

  /** First segment of every Plantline topic. */
  public static final String PREFIX = "plantline";

  /** Second segment: the topic layout's version. */
  public static final String VERSION = "v1";

  private static final int SEGMENTS = 6;

  /** What a device topic carries; {@link #segment()} is its last topic segment. */
  public enum Kind {
    TELEMETRY("telemetry"),
    STATUS("status"),
    /** Setpoint commands to the device, through its gateway. */
    COMMAND("command"),
    /** The gateway's results of those commands. */
    COMMAND_RESULT("command-result");

    private final String segment;

    Kind(String segment) {
      this.segment = segment;
    }

    /** The topic segment, for example {@code telemetry}. */
    public String segment() {
      return segment;
    }

    static Kind ofSegment(String segment) {
      for (Kind kind : values()) {
        if (kind.segment.equals(segment)) {
          return kind;
        }
      }
      throw new ContractViolationException(
          "kind",
          "unknown kind '" + segment + "' (expected telemetry, status, command or command-result)");
    }
  }

  /** Validates the ids and the kind; failures name the field. */
  public MqttTopic {
    Ids.require("siteId", siteId);
    Ids.require("areaId", areaId);
    Ids.require("deviceId", deviceId);
    if (kind == null) {
      throw new ContractViolationException("kind", "missing");
    }
  }

  /** The telemetry topic of a device. */
  public static MqttTopic telemetry(String siteId, String areaId, String deviceId) {
    return new MqttTopic(siteId, areaId, deviceId, Kind.TELEMETRY);
  }

  /** The status (birth and death) topic of a device. */
  public static MqttTopic status(String siteId, String areaId, String deviceId) {
    return new MqttTopic(siteId, areaId, deviceId, Kind.STATUS);
  }

  /** The setpoint command topic of a device. */
  public static MqttTopic command(String siteId, String areaId, String deviceId) {
    return new MqttTopic(siteId, areaId, deviceId, Kind.COMMAND);
  }

  /** The topic of a device's setpoint command results. */
  public static MqttTopic commandResult(String siteId, String areaId, String deviceId) {
    return new MqttTopic(siteId, areaId, deviceId, Kind.COMMAND_RESULT);
  }

  /**
   * Parses a topic such as {@code plantline/v1/plant-a/stamping/press-07/telemetry}.
   *
   * @throws ContractViolationException with field {@code topic} for a wrong prefix, version or
   *     segment count, or the segment's field ({@code siteId}, {@code areaId}, {@code deviceId},
   *     {@code kind}) for an empty segment, a wildcard or another illegal character, or an unknown
   *     kind
   */
  public static MqttTopic parse(String topic) {
    if (topic == null) {
      throw new ContractViolationException("topic", "missing");
    }
    String[] segments = topic.split("/", -1);
    if (!PREFIX.equals(segments[0])) {
      throw new ContractViolationException(
          "topic", "expected prefix '" + PREFIX + "', got '" + segments[0] + "'");
    }
    if (segments.length < 2 || !VERSION.equals(segments[1])) {
      String got = segments.length < 2 ? "none" : "'" + segments[1] + "'";
      throw new ContractViolationException(
          "topic", "expected version '" + VERSION + "', got " + got);
    }
    if (segments.length != SEGMENTS) {
      throw new ContractViolationException(
          "topic", "expected " + SEGMENTS + " segments, got " + segments.length);
    }
    Kind kind = Kind.ofSegment(segments[5]);
    return new MqttTopic(segments[2], segments[3], segments[4], kind);
  }

  /**
   * The topic filter for one kind on every device, for example {@code plantline/v1/+/+/+/status}.
   */
  public static String filter(Kind kind) {
    return String.join("/", PREFIX, VERSION, "+", "+", "+", checkKind(kind).segment());
  }

  /** The topic filter for one kind on every device of one site. */
  public static String filter(Kind kind, String siteId) {
    Ids.require("siteId", siteId);
    return String.join("/", PREFIX, VERSION, siteId, "+", "+", checkKind(kind).segment());
  }

  /**
   * The MQTT 5 shared subscription {@code $share/{group}/plantline/v1/+/+/+/{kind}}, which the
   * broker load-balances across the group's subscribers.
   */
  public static String sharedFilter(String group, Kind kind) {
    Ids.require("group", group);
    return "$share/" + group + "/" + filter(kind);
  }

  /** The topic string, for example {@code plantline/v1/plant-a/stamping/press-07/telemetry}. */
  public String value() {
    return String.join("/", PREFIX, VERSION, siteId, areaId, deviceId, kind.segment());
  }

  /** Same as {@link #value()}. */
  @Override
  public String toString() {
    return value();
  }

  private static Kind checkKind(Kind kind) {
    if (kind == null) {
      throw new ContractViolationException("kind", "missing");
    }
    return kind;
  }
}
