package io.plantline.gateway.journal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link JournalKillTest}: appends under {@link FsyncPolicy#ALWAYS} until it is
 * killed, printing {@code appended <index> end} after each append has returned and {@code acked
 * <index> end} after each acknowledgement (every third record) has returned. Each line is one write
 * to an unbuffered stdout.
 */
public final class JournalCrashChild {
  static final long SEGMENT_BYTES = 64 * 1024;

  private JournalCrashChild() {}

  static JournalConfig config(Path dir) {
    return JournalFixtures.config(
        dir, FsyncPolicy.ALWAYS, OverflowPolicy.REJECT_NEW, SEGMENT_BYTES, 256L << 20);
  }

  /** Appends records to the journal in {@code args[0]} until killed. */
  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    Journal journal = Journal.open(config(Path.of(args[0])));
    for (int seq = 0; ; seq++) {
      byte[] payload = ByteBuffer.allocate(120).putInt(seq).array();
      long index = journal.append("device-" + (seq % 8), payload);
      out.print("appended " + index + " end\n");
      out.flush();
      if (seq % 3 == 0) {
        journal.acknowledge(index);
        out.print("acked " + index + " end\n");
        out.flush();
      }
    }
  }
}
