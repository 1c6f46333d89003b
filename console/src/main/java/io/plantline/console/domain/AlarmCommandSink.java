package io.plantline.console.domain;

import io.plantline.contracts.alarm.AlarmCommand;
import java.util.concurrent.CompletionStage;

/** Where operators' alarm commands go ({@code alarms.commands.v1}). */
public interface AlarmCommandSink {
  /** Sends {@code command}; completes when it is stored (acknowledged by the broker). */
  CompletionStage<Void> send(AlarmCommand command);
}
