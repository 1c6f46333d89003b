package io.plantline.stream.domain;

import io.plantline.contracts.alarm.AlarmAction;

/**
 * An operator's alarm command inside the job (the decoded {@code AlarmCommand}, as a POJO).
 *
 * @param commandId the command's id
 * @param action what to do
 * @param alarmId the occurrence the operator saw
 * @param deviceId the device; the key
 * @param ruleId the rule
 * @param operatorId who
 * @param shelvedUntil end of a shelf in epoch milliseconds, -1 if none
 * @param issuedAt when, epoch milliseconds
 */
public record OperatorCommand(
    String commandId,
    AlarmAction action,
    String alarmId,
    String deviceId,
    String ruleId,
    String operatorId,
    long shelvedUntil,
    long issuedAt) {}
