package io.plantline.contracts.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.ContractViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttAccessListTest {
  private static final MqttAccessList.Gateway NORTH_1 =
      new MqttAccessList.Gateway(
          "gateway-site-north-1",
          "gateway-site-north-1",
          "site-north",
          List.of(
              new MqttAccessList.Device("machining", "spindle-001"),
              new MqttAccessList.Device("utilities", "meter-001")));

  @Test
  void shouldGrantAGatewayItsOwnDevicesTopicsAndNothingElse() {
    String acl =
        new MqttAccessList(List.of(NORTH_1), List.of("bridge"), List.of()).mosquittoAclFile();

    assertThat(section(acl, "user gateway-site-north-1"))
        .containsExactly(
            "topic write plantline/v1/site-north/gateway/gateway-site-north-1/status",
            "topic write plantline/v1/site-north/machining/spindle-001/telemetry",
            "topic write plantline/v1/site-north/machining/spindle-001/status",
            "topic write plantline/v1/site-north/machining/spindle-001/command-result",
            "topic read plantline/v1/site-north/machining/spindle-001/command",
            "topic write plantline/v1/site-north/utilities/meter-001/telemetry",
            "topic write plantline/v1/site-north/utilities/meter-001/status",
            "topic write plantline/v1/site-north/utilities/meter-001/command-result",
            "topic read plantline/v1/site-north/utilities/meter-001/command");
    assertThat(acl.lines().filter(line -> !line.startsWith("#")))
        .noneMatch(line -> line.startsWith("pattern") || line.contains("#"));
  }

  @Test
  void shouldLetAReaderOnlyReadAndACommanderOnlyCommandItsSites() {
    String acl =
        new MqttAccessList(
                List.of(NORTH_1),
                List.of("bridge"),
                List.of(new MqttAccessList.Commander("console", List.of("site-north"))))
            .mosquittoAclFile();

    assertThat(section(acl, "user bridge"))
        .containsExactly(
            "topic read plantline/v1/+/+/+/telemetry", "topic read plantline/v1/+/+/+/status");
    assertThat(section(acl, "user console"))
        .containsExactly(
            "topic write plantline/v1/site-north/+/+/command",
            "topic read plantline/v1/site-north/+/+/command-result");
  }

  @Test
  void shouldRefuseAUserTwiceADeviceOwnedTwiceAndUnsafeNames() {
    MqttAccessList.Gateway other =
        new MqttAccessList.Gateway(
            "gateway-site-north-2",
            "gateway-site-north-2",
            "site-north",
            List.of(new MqttAccessList.Device("machining", "spindle-001")));
    assertThatThrownBy(() -> new MqttAccessList(List.of(NORTH_1, other), List.of(), List.of()))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("spindle-001");
    assertThatThrownBy(
            () -> new MqttAccessList(List.of(NORTH_1), List.of("gateway-site-north-1"), List.of()))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("granted twice");
    assertThatThrownBy(
            () -> new MqttAccessList(List.of(), List.of("bridge\ntopic write #"), List.of()))
        .isInstanceOf(ContractViolationException.class);
    assertThatThrownBy(() -> new MqttAccessList.Device("machining", "spindle/+"))
        .isInstanceOf(ContractViolationException.class);
  }

  /** The grant lines under one {@code user} line, up to the next blank line. */
  private static List<String> section(String acl, String userLine) {
    List<String> lines = acl.lines().toList();
    int start = lines.indexOf(userLine);
    assertThat(start).as("%s in%n%s", userLine, acl).isNotNegative();
    return lines.subList(start + 1, lines.size()).stream()
        .takeWhile(line -> !line.isBlank())
        .toList();
  }
}
