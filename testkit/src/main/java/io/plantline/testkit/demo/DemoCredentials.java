package io.plantline.testkit.demo;

import io.plantline.testkit.Credentials;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;

/**
 * The demo's logins, generated on first start and kept in a local file readable by its owner only
 * ({@code .plantline/demo/credentials.properties}, ignored by git), so they survive restarts and
 * never enter the repository.
 */
public final class DemoCredentials {
  static final List<String> SERVERS = List.of("kafka", "mosquitto", "cassandra", "questdb");

  private final Properties properties;

  private DemoCredentials(Properties properties) {
    this.properties = properties;
  }

  public static DemoCredentials loadOrCreate(Path file) {
    Properties props = new Properties();
    try {
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file)) {
          props.load(in);
        }
      }
      boolean changed = false;
      for (String server : SERVERS) {
        if (!props.containsKey(server + ".username") || !props.containsKey(server + ".password")) {
          Credentials fresh = Credentials.generate("plantline");
          props.setProperty(server + ".username", fresh.username());
          props.setProperty(server + ".password", fresh.password());
          changed = true;
        }
      }
      if (changed) {
        write(file, props);
      }
      return new DemoCredentials(props);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write demo credentials " + file, e);
    }
  }

  private static void write(Path file, Properties props) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (Writer out = Files.newBufferedWriter(file)) {
      props.store(out, "Plantline demo logins: generated locally, never commit this file");
    }
  }

  /** Credentials for one of {@link #SERVERS}. */
  public Credentials forServer(String server) {
    if (!SERVERS.contains(server)) {
      throw new IllegalArgumentException("no demo credentials for " + server);
    }
    return new Credentials(
        properties.getProperty(server + ".username"), properties.getProperty(server + ".password"));
  }
}
