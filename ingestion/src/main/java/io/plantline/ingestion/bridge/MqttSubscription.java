package io.plantline.ingestion.bridge;

import io.plantline.contracts.Ids;
import io.plantline.contracts.topic.MqttTopic;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bridge subscribes to telemetry and status.
 *
 * <p>{@link Mode#DIRECT} (the default) subscribes to the plain topic filters, of every site or of
 * one; bridges scale out by site. {@link Mode#SHARED} joins an MQTT shared-subscription group
 * ({@code $share/<group>/...}) so that the broker load-balances one filter over several bridges.
 * Mosquitto 2.0 does not queue messages for a shared subscription of an offline persistent session
 * that it restored after a restart: what devices publish between the broker's restart and the
 * bridge's reconnect is acknowledged to them and then dropped (found by the plant soak, reproduced
 * with Mosquitto 2.0.11). Use {@code shared} only with a broker that keeps shared subscriptions
 * across restarts.
 *
 * @param mode direct or shared
 * @param group the shared-subscription group (used with {@code shared})
 * @param site the one site to subscribe to, if not every site
 */
public record MqttSubscription(Mode mode, String group, Optional<String> site) {

  /** Plain topic filters, or a shared-subscription group. */
  public enum Mode {
    DIRECT,
    SHARED;

    /** {@code direct} or {@code shared}. */
    public static Mode fromName(String name) {
      for (Mode mode : values()) {
        if (mode.name().toLowerCase(Locale.ROOT).equals(name)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("must be direct or shared, was '" + name + "'");
    }
  }

  public MqttSubscription {
    Objects.requireNonNull(mode, "mode");
    Ids.require("group", group);
    Objects.requireNonNull(site, "site");
    site.ifPresent(s -> Ids.require("site", s));
  }

  /** A direct subscription to every site. */
  public static MqttSubscription direct() {
    return new MqttSubscription(Mode.DIRECT, "plantline-bridge", Optional.empty());
  }

  /** The filters to subscribe to: telemetry, then status. */
  public List<String> filters() {
    return List.of(filter(MqttTopic.Kind.TELEMETRY), filter(MqttTopic.Kind.STATUS));
  }

  private String filter(MqttTopic.Kind kind) {
    String plain = site.map(s -> MqttTopic.filter(kind, s)).orElseGet(() -> MqttTopic.filter(kind));
    return mode == Mode.SHARED ? "$share/" + group + "/" + plain : plain;
  }

  @Override
  public String toString() {
    return (mode == Mode.SHARED ? "shared group " + group : "direct")
        + site.map(s -> ", site " + s).orElse(", every site");
  }
}
