package io.plantline.console.domain;

import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmState;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Decides whether an operator's request on an alarm becomes an {@link AlarmCommand}, with the same
 * rules the alarm lifecycle of the stream job applies (so a refused request is answered at once
 * instead of being ignored downstream): nothing on a cleared alarm, one acknowledgement per alarm,
 * unshelve only a shelved alarm; a shelf lasts from {@link #MIN_SHELF} to {@link #MAX_SHELF}.
 */
public final class AlarmCommands {
  /** Shortest shelf. */
  public static final Duration MIN_SHELF = Duration.ofMinutes(1);

  /** Longest shelf (ISA-18.2 asks for a time limit on shelving). */
  public static final Duration MAX_SHELF = Duration.ofDays(7);

  private AlarmCommands() {}

  /** A request the alarm's state does not allow; the HTTP layer answers 409 with the reason. */
  public static final class Refused extends RuntimeException {
    /**
     * @param reason why
     */
    public Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The command for {@code action} on {@code alarm} by {@code operatorId}.
   *
   * @param shelveFor the shelf's length for SHELVE, otherwise ignored
   * @param note optional free text (the shelve reason)
   * @throws Refused when the alarm's state does not allow it
   * @throws IllegalArgumentException for a shelf out of bounds or a bad note
   */
  public static AlarmCommand decide(
      AlarmView alarm,
      AlarmAction action,
      String operatorId,
      Duration shelveFor,
      String note,
      Instant now,
      UUID commandId) {
    if (alarm.state() == AlarmState.CLEARED) {
      throw new Refused("alarm " + alarm.alarmId() + " has cleared");
    }
    Instant shelvedUntil = null;
    switch (action) {
      case ACKNOWLEDGE -> {
        if (alarm.acknowledged()) {
          throw new Refused("alarm " + alarm.alarmId() + " is already acknowledged");
        }
      }
      case SHELVE -> {
        if (shelveFor == null
            || shelveFor.compareTo(MIN_SHELF) < 0
            || shelveFor.compareTo(MAX_SHELF) > 0) {
          throw new IllegalArgumentException(
              "the shelf must last from "
                  + MIN_SHELF.toMinutes()
                  + " to "
                  + MAX_SHELF.toMinutes()
                  + " minutes");
        }
        shelvedUntil = now.plus(shelveFor);
      }
      case UNSHELVE -> {
        if (alarm.state() != AlarmState.SHELVED) {
          throw new Refused("alarm " + alarm.alarmId() + " is not shelved");
        }
      }
    }
    String text = note == null || note.isBlank() ? null : note.strip();
    return new AlarmCommand(
        commandId,
        AlarmCommand.SCHEMA_VERSION,
        action,
        alarm.alarmId(),
        alarm.deviceId(),
        alarm.ruleId(),
        operatorId,
        shelvedUntil,
        text,
        now);
  }
}
