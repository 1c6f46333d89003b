package io.plantline.testkit;

import io.plantline.testkit.process.ResidentMemory;
import java.time.Duration;
import java.util.Map;

/** A real server that the testkit started on loopback for tests or the demo. */
public interface EmbeddedServer extends AutoCloseable {

  /** Short name, such as {@code kafka}. */
  String name();

  /** How clients reach it: named addresses (for example {@code bootstrap.servers}) to URLs. */
  Map<String, String> addresses();

  /** The credentials clients use, or none for a server without authentication. */
  Map<String, Credentials> credentials();

  /** Time from the start call until the server answered its readiness check. */
  Duration startupTime();

  /**
   * Resident memory of the server process in bytes, -1 when unknown. For a server inside this JVM,
   * the whole JVM's.
   */
  default long residentBytes() {
    return ResidentMemory.ofThisProcess();
  }

  /** PID of the server's own process, or -1 when it runs inside this JVM. */
  default long pid() {
    return -1;
  }

  /** Stops the server and deletes its temporary data. */
  @Override
  void close();
}
