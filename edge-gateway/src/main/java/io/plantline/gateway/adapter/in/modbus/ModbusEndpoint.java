package io.plantline.gateway.adapter.in.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus TCP connection (a device's own port, or a serial gateway in front of a bus) with one
 * serialized transaction queue, run by a dedicated worker thread: most devices answer one request
 * at a time, and j2mod blocks, so none of this ever runs on an event loop.
 *
 * <p>After any failure other than a Modbus exception response the TCP connection is closed and
 * reopened for the next task, so a late answer can never be read as the answer to another request.
 */
public final class ModbusEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusEndpoint.class);

  private final String host;
  private final int port;
  private final int connectTimeoutMillis;
  private final PriorityBlockingQueue<Queued> queue =
      new PriorityBlockingQueue<>(
          64, Comparator.comparingInt(Queued::priority).thenComparingLong(Queued::order));
  private final AtomicLong order = new AtomicLong();
  private final Thread worker;
  private volatile boolean running = true;
  private ModbusTCPMaster master;

  private record Queued(int priority, long order, ModbusTask task) {}

  public ModbusEndpoint(String host, int port, int connectTimeoutMillis) {
    this.host = host;
    this.port = port;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.worker = new Thread(this::run, "modbus-" + host + ":" + port);
    this.worker.setDaemon(true);
    this.worker.start();
  }

  public String endpoint() {
    return host + ":" + port;
  }

  public void submit(ModbusTask task) {
    queue.add(new Queued(task.priority(), order.incrementAndGet(), task));
  }

  /** Tasks waiting, for the metrics. */
  public int queued() {
    return queue.size();
  }

  public boolean isAlive() {
    return worker.isAlive();
  }

  private void run() {
    while (running) {
      Queued next;
      try {
        next = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next != null) {
        try {
          next.task().execute(session);
        } catch (RuntimeException e) {
          LOG.warn("{}: task failed unexpectedly", endpoint(), e);
          session.reset();
        }
      }
    }
    session.reset();
  }

  private final ModbusSession session =
      new ModbusSession() {
        @Override
        public ModbusTCPMaster master() throws Exception {
          if (master == null || !master.isConnected()) {
            ModbusTCPMaster fresh = new ModbusTCPMaster(host, port, connectTimeoutMillis, false);
            fresh.setRetries(0);
            fresh.setCheckingValidity(true);
            fresh.connect();
            master = fresh;
          }
          return master;
        }

        @Override
        public void reset() {
          if (master != null) {
            master.disconnect();
            master = null;
          }
        }
      };

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
