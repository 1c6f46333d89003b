package io.plantline.gateway.adapter.in.modbus;

/**
 * One unit of work on a Modbus connection. Writes (priority 0) run before polls (priority 1);
 * within a priority, tasks run in submission order.
 */
public interface ModbusTask {
  int WRITE = 0;
  int POLL = 1;

  int priority();

  /**
   * Runs on the connection's worker thread. Failures are the task's to record; it resets the
   * session after anything but a Modbus exception response.
   */
  void execute(ModbusSession session);
}
