package io.plantline.gateway.adapter.in.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

/** The connection a task runs on; only valid on the endpoint's worker thread. */
public interface ModbusSession {
  /** The connected master, connecting first if needed. */
  ModbusTCPMaster master() throws Exception;

  /**
   * Closes the TCP connection so that whatever is still on the wire (a late answer) is never read
   * as the answer to the next request. Call after a timeout or a malformed answer.
   */
  void reset();
}
