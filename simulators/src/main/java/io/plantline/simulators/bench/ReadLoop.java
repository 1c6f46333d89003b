package io.plantline.simulators.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.concurrent.atomic.AtomicLong;

/** One Modbus TCP master connection that reads input registers as fast as the device answers. */
final class ReadLoop {
  private static final int SAMPLE = 4096;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final int registers;
  private final int depth;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final long[] sentAt = new long[65_536];
  private final long[] latencies = new long[SAMPLE];
  private volatile int latencyCount;
  private volatile boolean running = true;
  private NetSocket socket;
  private int nextTransaction;
  private boolean inHeader = true;
  private int pendingTransaction;

  ReadLoop(Vertx vertx, String host, int port, int registers, int depth) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.registers = registers;
    this.depth = depth;
  }

  Future<Void> start() {
    return vertx
        .createNetClient(new NetClientOptions().setTcpNoDelay(true))
        .connect(port, host)
        .map(
            s -> {
              socket = s;
              RecordParser parser = RecordParser.newFixed(7);
              parser.handler(record -> onRecord(parser, record));
              s.handler(parser);
              for (int i = 0; i < depth; i++) {
                send();
              }
              return null;
            });
  }

  private void onRecord(RecordParser parser, Buffer record) {
    if (inHeader) {
      pendingTransaction = record.getUnsignedShort(0);
      parser.fixedSizeMode(record.getUnsignedShort(4) - 1);
      inHeader = false;
      return;
    }
    inHeader = true;
    parser.fixedSizeMode(7);
    if (record.getUnsignedByte(0) != 4 || record.getUnsignedByte(1) != registers * 2) {
      errors.incrementAndGet();
    } else {
      completed.incrementAndGet();
      int n = latencyCount;
      if (n < SAMPLE) {
        latencies[n] = System.nanoTime() - sentAt[pendingTransaction];
        latencyCount = n + 1;
      }
    }
    if (running) {
      send();
    }
  }

  private void send() {
    int tid = nextTransaction;
    nextTransaction = (nextTransaction + 1) & 0xFFFF;
    sentAt[tid] = System.nanoTime();
    socket.write(
        Buffer.buffer(12)
            .appendUnsignedShort(tid)
            .appendUnsignedShort(0)
            .appendUnsignedShort(6)
            .appendUnsignedByte((short) 1)
            .appendUnsignedByte((short) 4)
            .appendUnsignedShort(0)
            .appendUnsignedShort(registers));
  }

  void resetCounters() {
    completed.set(0);
    errors.set(0);
    latencyCount = 0;
  }

  void stop() {
    running = false;
  }

  long completed() {
    return completed.get();
  }

  long errors() {
    return errors.get();
  }

  long[] latencySample() {
    return java.util.Arrays.copyOf(latencies, Math.min(latencyCount, SAMPLE));
  }
}
