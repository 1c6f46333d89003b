package io.plantline.contracts.codec;

import static io.plantline.contracts.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.golden.GoldenFixtures;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderPriority;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "type" discriminator and the subtype rules of work-order commands and events. */
class WorkOrderCodecTest {

  @Test
  void shouldRejectCommandWithoutType() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.OPEN_WORK_ORDER);
    tree.remove("type");

    assertRejected(Codecs.WORK_ORDER_COMMAND, tree, "type", "missing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ReopenWorkOrder",
        "openWorkOrder",
        "io.plantline.contracts.workorder.OpenWorkOrder",
        "WorkOrderOpened"
      })
  void shouldRejectCommandOfUnknownType(String type) {
    ObjectNode tree = Payloads.tree(GoldenFixtures.OPEN_WORK_ORDER);
    tree.put("type", type);

    assertRejected(Codecs.WORK_ORDER_COMMAND, tree, "type", "unknown type '" + type + "'");
  }

  @Test
  void shouldRejectEventOfUnknownTypeBeforeLookingAtItsFields() {
    byte[] payload = "{\"type\": \"WorkOrderReopened\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(violation(() -> Codecs.WORK_ORDER_EVENT.decode(payload)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("type", "unknown type 'WorkOrderReopened'");
  }

  @Test
  void shouldRejectFieldThatBelongsToAnotherSubtype() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.START_WORK_ORDER);
    tree.put("assignee", "tech-0042");

    assertRejected(Codecs.WORK_ORDER_COMMAND, tree, "assignee", "unknown field");
  }

  @Test
  void shouldRejectUnknownSchemaVersionOfAnEvent() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.WORK_ORDER_ASSIGNED);
    tree.put("schemaVersion", 3);
    tree.put("team", "night-shift");

    assertRejected(Codecs.WORK_ORDER_EVENT, tree, "schemaVersion", "unknown schemaVersion 3");
  }

  @Test
  void shouldRejectOpenedEventWhoseVersionIsNotOne() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.WORK_ORDER_OPENED);
    tree.put("version", 2);

    assertRejected(Codecs.WORK_ORDER_EVENT, tree, "version", "must be 1 for the opening event");
  }

  @Test
  void shouldRejectAlarmReferenceWithoutItsRule() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.OPEN_WORK_ORDER);
    tree.remove("ruleId");

    assertRejected(Codecs.WORK_ORDER_COMMAND, tree, "ruleId", "missing");
  }

  @Test
  void shouldWriteTheTypeAsTheFirstField() {
    byte[] json = Codecs.WORK_ORDER_COMMAND.encode(manualWorkOrder());

    assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"type\":\"OpenWorkOrder\",");
  }

  @Test
  void shouldRoundTripManualWorkOrderWithoutAlarmFields() {
    OpenWorkOrder manual = manualWorkOrder();

    byte[] json = Codecs.WORK_ORDER_COMMAND.encode(manual);

    ObjectNode tree = Payloads.parseObject(json);
    assertThat(tree.has("alarmId")).isFalse();
    assertThat(tree.has("ruleId")).isFalse();
    assertThat(Codecs.WORK_ORDER_COMMAND.decode(json)).isEqualTo(manual);
  }

  @Test
  void shouldExposeTheAssetAsTheDeviceIdForKafkaKeys() {
    WorkOrderCommand command = manualWorkOrder();

    assertThat(command.deviceId()).isEqualTo("press-07");
  }

  @Test
  void shouldRejectEvidenceInASchemaVersion1Command() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.OPEN_WORK_ORDER);
    tree.put("schemaVersion", 1);

    assertRejected(Codecs.WORK_ORDER_COMMAND, tree, "evidence", "unknown field");
  }

  @Test
  void shouldRequireEvidenceInASchemaVersion2Event() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.WORK_ORDER_OPENED);
    tree.remove("evidence");

    assertRejected(Codecs.WORK_ORDER_EVENT, tree, "evidence", "missing");
  }

  @Test
  void shouldRejectNonFiniteEvidenceNamingTheFigure() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.OPEN_WORK_ORDER);
    ((ObjectNode) tree.get("evidence")).put("temperature.max", "NaN");

    assertRejected(Codecs.WORK_ORDER_COMMAND, tree, "evidence.temperature.max", "not finite");
  }

  @Test
  void shouldRefuseEvidenceOnAVersion1Record() {
    assertThat(
            violation(
                () ->
                    new OpenWorkOrder(
                        UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
                        1,
                        "WO-2026-000190",
                        "plant-a",
                        "press-07",
                        WorkOrderPriority.LOW,
                        null,
                        null,
                        "Quarterly lubrication",
                        Map.of("temperature.max", 91.0),
                        Instant.parse("2026-11-26T07:00:00Z"))))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("evidence", "needs schemaVersion 2 or later");
  }

  @Test
  void shouldRejectPlannedEventOfSchemaVersion1() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.WORK_ORDER_PLANNED);
    tree.put("schemaVersion", 1);

    assertRejected(
        Codecs.WORK_ORDER_EVENT, tree, "schemaVersion", "WorkOrderPlanned needs 2 or later");
  }

  @Test
  void shouldRejectPlannedWindowThatEndsBeforeItStarts() {
    ObjectNode tree = Payloads.tree(GoldenFixtures.WORK_ORDER_PLANNED);
    tree.put("plannedEnd", tree.get("plannedStart").textValue());

    assertRejected(Codecs.WORK_ORDER_EVENT, tree, "plannedEnd", "must be after plannedStart");
  }

  private static void assertRejected(
      EventCodec<?> codec, ObjectNode tree, String field, String reason) {
    assertThat(violation(() -> codec.decode(Payloads.bytes(tree))))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly(field, reason);
  }

  private static OpenWorkOrder manualWorkOrder() {
    return new OpenWorkOrder(
        UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
        WorkOrderCommand.SCHEMA_VERSION,
        "WO-2026-000190",
        "plant-a",
        "press-07",
        WorkOrderPriority.LOW,
        null,
        null,
        "Quarterly lubrication",
        Map.of(),
        Instant.parse("2026-11-26T07:00:00Z"));
  }
}
