package io.plantline.demo;

import io.plantline.testkit.Credentials;
import io.plantline.testkit.demo.DemoCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's secrets, generated on first start under {@code <state>/secrets} (a directory only its
 * owner can read, ignored by git) and kept across restarts: the servers' logins (from {@link
 * DemoCredentials}), one file per password for the components' {@code --*-password-file} options,
 * the HS256 keys of the services and of the console, and the console's demo users.
 */
final class DemoSecrets {
  /** Console users of the demo, one per role. */
  static final List<String> CONSOLE_ROLES = List.of("admin", "operator", "maintenance", "viewer");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final DemoCredentials servers;

  private DemoSecrets(Path dir, DemoCredentials servers) {
    this.dir = dir;
    this.servers = servers;
  }

  /** Loads the secrets under {@code stateDir}, creating what is missing. */
  static DemoSecrets loadOrCreate(Path stateDir) {
    Path dir = stateDir.resolve("secrets");
    DemoCredentials servers =
        DemoCredentials.loadOrCreate(stateDir.resolve("credentials.properties"));
    try {
      createPrivateDirectory(dir);
      DemoSecrets secrets = new DemoSecrets(dir, servers);
      for (String server : List.of("kafka", "mosquitto", "cassandra", "questdb")) {
        writePrivate(dir.resolve(server + ".password"), servers.forServer(server).password());
      }
      secrets.keyFile("service-jwt.key");
      secrets.keyFile("console-jwt.key");
      for (String role : CONSOLE_ROLES) {
        secrets.keyFile("console-" + role + ".password");
      }
      return secrets;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo secrets in " + dir, e);
    }
  }

  /** The login of one embedded server: kafka, mosquitto, cassandra or questdb. */
  Credentials server(String server) {
    return servers.forServer(server);
  }

  /** The file holding that server's password. */
  Path passwordFile(String server) {
    return dir.resolve(server + ".password");
  }

  /**
   * The MQTT login of one principal (a gateway, the bridge): its user name and a password generated
   * on first use into {@code mqtt-<user>.password}.
   */
  Credentials mqttLogin(String username) {
    try {
      return new Credentials(username, read(keyFile("mqtt-" + username + ".password")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Cassandra login of one service role: the role name and a password generated on first use
   * into {@code cassandra-<role>.password}.
   */
  Credentials cassandraLogin(String role) {
    try {
      return new Credentials(role, read(keyFile("cassandra-" + role + ".password")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The password file of that Cassandra role (created by {@link #cassandraLogin}). */
  Path cassandraPasswordFile(String role) {
    return dir.resolve("cassandra-" + role + ".password");
  }

  /** The password file of that MQTT principal (created by {@link #mqttLogin}). */
  Path mqttPasswordFile(String username) {
    return dir.resolve("mqtt-" + username + ".password");
  }

  /** The HS256 secret the console and the services share for service tokens. */
  Path serviceJwtKey() {
    return dir.resolve("service-jwt.key");
  }

  /** The console's own HS256 secret for user tokens. */
  Path consoleJwtKey() {
    return dir.resolve("console-jwt.key");
  }

  /** The password file of the console's demo user with {@code role}. */
  Path consolePasswordFile(String role) {
    return dir.resolve("console-" + role + ".password");
  }

  /** The console's demo users and their passwords, for the person running the demo. */
  Map<String, String> consoleLogins() {
    Map<String, String> logins = new LinkedHashMap<>();
    for (String role : CONSOLE_ROLES) {
      logins.put(role, read(consolePasswordFile(role)));
    }
    return logins;
  }

  /** The Kafka client settings file for components that take a properties file (the Flink job). */
  Path kafkaClientProperties() throws IOException {
    Credentials kafka = server("kafka");
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + kafka.username()
            + "\" password=\""
            + kafka.password()
            + "\";";
    Path file = dir.resolve("kafka-client.properties");
    writePrivate(
        file,
        "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=" + jaas + "\n");
    return file;
  }

  private Path keyFile(String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      writePrivate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    return file;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  private static void writePrivate(Path file, String text) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
