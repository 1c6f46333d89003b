package io.plantline.console.app;

import io.plantline.console.adapter.in.http.HttpSettings;
import io.plantline.console.adapter.out.http.GatewayScraper;
import io.plantline.console.adapter.out.mqtt.MqttSetpointCommander;
import io.plantline.console.domain.UserAccount;
import io.plantline.ingestion.kafka.KafkaSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the console runs with, validated.
 *
 * @param http bind address, port, limits
 * @param users the accounts of the users file
 * @param userTokenKey the console's HS256 key (user tokens), at least 32 bytes
 * @param previousUserTokenKeys keys of a rotation that still verify the tokens they signed
 * @param serviceTokenKey the HS256 secret shared with the services, at least 32 bytes
 * @param queryApiUrl the ingestion query API's base URL
 * @param schedulingUrl the scheduling service's base URL
 * @param gateways edge gateways whose metrics are scraped
 * @param kafka how to reach Kafka
 * @param upstreamTimeout bound on each exchange with a service
 * @param qualityUrl the quality service's base URL, or null when the console has none
 * @param energyUrl the energy service's base URL, or null when the console has none
 * @param auditLog the append-only audit log file (created with owner-only permissions)
 * @param setpointCommander how the console reaches the MQTT broker to send setpoints, or null when
 *     it sends none
 */
public record ConsoleConfig(
    HttpSettings http,
    List<UserAccount> users,
    String userTokenKey,
    List<String> previousUserTokenKeys,
    String serviceTokenKey,
    URI queryApiUrl,
    URI schedulingUrl,
    List<GatewayScraper.Target> gateways,
    KafkaSettings kafka,
    Duration upstreamTimeout,
    URI qualityUrl,
    URI energyUrl,
    Path auditLog,
    MqttSetpointCommander.Settings setpointCommander) {

  /** Checks presence and copies lists. */
  public ConsoleConfig {
    Objects.requireNonNull(http, "http");
    users = List.copyOf(users);
    Objects.requireNonNull(userTokenKey, "userTokenKey");
    previousUserTokenKeys = List.copyOf(previousUserTokenKeys);
    Objects.requireNonNull(serviceTokenKey, "serviceTokenKey");
    Objects.requireNonNull(queryApiUrl, "queryApiUrl");
    Objects.requireNonNull(schedulingUrl, "schedulingUrl");
    gateways = List.copyOf(gateways);
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(auditLog, "auditLog");
    if (upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
      throw new IllegalArgumentException("upstream timeout must be positive");
    }
  }

  @Override
  public String toString() {
    return "ConsoleConfig[http="
        + http
        + ", users="
        + users.size()
        + ", keys=****, queryApi="
        + queryApiUrl
        + ", scheduling="
        + schedulingUrl
        + ", quality="
        + qualityUrl
        + ", energy="
        + energyUrl
        + ", gateways="
        + gateways.size()
        + ", kafka="
        + kafka
        + ", auditLog="
        + auditLog
        + ", setpoints="
        + (setpointCommander == null ? "none" : setpointCommander)
        + "]";
  }
}
