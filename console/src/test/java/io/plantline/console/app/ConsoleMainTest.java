package io.plantline.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.console.domain.Role;
import io.plantline.console.domain.UserAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConsoleMainTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int status =
        ConsoleMain.execute(
            args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path users() throws Exception {
    Path users = dir.resolve("users.json");
    Path password = file("pw", "a-long-enough-password\n");
    ConsoleMain main = new ConsoleMain();
    CommandLine cli = new CommandLine(main);
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "add-user",
            "--users-file",
            users.toString(),
            "--username",
            "alice",
            "--password-file",
            password.toString(),
            "--role",
            "operator",
            "--role",
            "maintenance",
            "--site",
            "site-1");
    ((AddUserCommand) parsed.subcommand().commandSpec().userObject()).call();
    return users;
  }

  private List<String> serveArgs(Path users, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--users-file",
                users.toString(),
                "--jwt-key-file",
                file("console.key", "c".repeat(40)).toString(),
                "--service-jwt-key-file",
                file("service.key", "s".repeat(40)).toString(),
                "--query-api-url",
                "http://127.0.0.1:9470",
                "--scheduling-url",
                "http://127.0.0.1:9471/base/",
                "--kafka-bootstrap-servers",
                "127.0.0.1:9092"));
    for (int i = 0; i + 1 < extra.length; i += 2) {
      int at = args.indexOf(extra[i]);
      if (at >= 0 && !extra[i].equals("--gateway-metrics-url") && !extra[i].equals("--site")) {
        args.set(at + 1, extra[i + 1]);
      } else {
        args.add(extra[i]);
        args.add(extra[i + 1]);
      }
    }
    return args;
  }

  private static ConsoleConfig config(List<String> args) {
    ConsoleMain main = new ConsoleMain();
    new CommandLine(main).parseArgs(args.toArray(String[]::new));
    return main.config(Map.of());
  }

  @Test
  void shouldWriteAHashedUserWithOwnerOnlyPermissions() throws Exception {
    Path users = users();

    String json = Files.readString(users);
    List<UserAccount> read = UsersFile.read(users);

    assertThat(json)
        .contains("argon2id$v=19$m=19456,t=2,p=1$")
        .doesNotContain("a-long-enough-password");
    assertThat(read)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.username()).isEqualTo("alice");
              assertThat(u.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.MAINTENANCE);
              assertThat(u.sites().sites()).containsExactly("site-1");
              assertThat(u.password().matches("a-long-enough-password".toCharArray())).isTrue();
            });
    assertThat(Files.getPosixFilePermissions(users))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void shouldRefuseAShortPasswordOrAnUnknownRoleWithStatus2() throws Exception {
    Path users = dir.resolve("u.json");
    Path shortPw = file("short", "tooshort");
    Path goodPw = file("good", "long-enough-password");

    Run tooShort =
        run(
            "add-user",
            "--users-file",
            users.toString(),
            "--username",
            "bob",
            "--password-file",
            shortPw.toString(),
            "--role",
            "viewer",
            "--site",
            "s1");
    Run badRole =
        run(
            "add-user",
            "--users-file",
            users.toString(),
            "--username",
            "bob",
            "--password-file",
            goodPw.toString(),
            "--role",
            "root",
            "--site",
            "s1");

    assertThat(tooShort.status()).isEqualTo(2);
    assertThat(tooShort.err()).contains("--password-file").contains("at least 12");
    assertThat(badRole.status()).isEqualTo(2);
    assertThat(badRole.err()).contains("--role").contains("unknown role 'root'");
    assertThat(users).doesNotExist();
  }

  @Test
  void shouldReadAValidServeCommandLine() throws Exception {
    ConsoleConfig config =
        config(
            serveArgs(
                users(),
                "--http-port",
                "0",
                "--gateway-metrics-url",
                "http://127.0.0.1:9101/metrics",
                "--gateway-metrics-url",
                "site-1=http://127.0.0.1:9102/metrics",
                "--site",
                "site-1",
                "--rate-limit",
                "5",
                "--rate-burst",
                "7"));

    assertThat(config.http().port()).isZero();
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().ratePerSecond()).isEqualTo(5);
    assertThat(config.http().burst()).isEqualTo(7);
    assertThat(config.http().maxBodyBytes()).isEqualTo(65536);
    assertThat(config.http().defaultSites()).containsExactly("site-1");
    assertThat(config.users()).hasSize(1);
    assertThat(config.gateways()).hasSize(2);
    assertThat(config.gateways().get(0).siteId()).isNull();
    assertThat(config.gateways().get(1).siteId()).isEqualTo("site-1");
    assertThat(config.gateways().get(1).name()).isEqualTo("127.0.0.1:9102");
    assertThat(config.kafka().securityProtocol()).isEqualTo("PLAINTEXT");
    assertThat(config.toString()).doesNotContain("cccc").doesNotContain("ssss");
  }

  @Test
  void shouldReadTheMqttCommanderOnlyWhenAsked() throws Exception {
    assertThat(config(serveArgs(users())).setpointCommander()).isNull();
    Path password = file("mqtt.password", "pppp-mqtt-console-secret");
    ConsoleConfig config =
        config(
            serveArgs(
                users(),
                "--mqtt-url",
                "mqtts://broker.plant:8883",
                "--mqtt-username",
                "console",
                "--mqtt-password-file",
                password.toString()));
    assertThat(config.setpointCommander().login().endpoint().tls()).isTrue();
    assertThat(config.setpointCommander().login().username()).isEqualTo("console");
    assertThat(config.setpointCommander().login().password()).isEqualTo("pppp-mqtt-console-secret");
    assertThat(config.toString()).contains("console").doesNotContain("pppp");

    Run noUser = run(serveArgs(users(), "--mqtt-url", "mqtt://broker:1883").toArray(String[]::new));
    assertThat(noUser.status()).isEqualTo(2);
    assertThat(noUser.err()).contains("--mqtt-username: missing");
    Run caOnPlain =
        run(
            serveArgs(
                    users(),
                    "--mqtt-url",
                    "mqtt://broker:1883",
                    "--mqtt-username",
                    "console",
                    "--mqtt-password-file",
                    password.toString(),
                    "--mqtt-ca-file",
                    password.toString())
                .toArray(String[]::new));
    assertThat(caOnPlain.err()).contains("--mqtt-ca-file: needs an mqtts:// URL");
  }

  @Test
  void shouldNameTheWrongOptionAndExitWith2() throws Exception {
    Path users = users();
    Map<String, String[]> cases =
        Map.of(
            "--http-port", new String[] {"--http-port", "http"},
            "--rate-limit", new String[] {"--rate-limit", "-1"},
            "--max-body-bytes", new String[] {"--max-body-bytes", "10"},
            "--query-api-url", new String[] {"--query-api-url", "ftp://x"},
            "--gateway-metrics-url",
                new String[] {"--gateway-metrics-url", "bad site=http://x:1/m"},
            "--upstream-timeout", new String[] {"--upstream-timeout", "10s"},
            "--site", new String[] {"--site", "a/b"});
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      Run r = run(serveArgs(users, c.getValue()).toArray(String[]::new));
      assertThat(r.status()).as(c.getKey()).isEqualTo(2);
      assertThat(r.err()).as(c.getKey()).startsWith("plantline console: " + c.getKey() + ":");
      assertThat(r.out()).as(c.getKey()).isEmpty();
    }
  }

  @Test
  void shouldRefuseMissingOrShortKeysAndAKeySharedWithTheServices() throws Exception {
    Path users = users();
    Path shortKey = file("short.key", "short");
    Path serviceKey = dir.resolve("service.key");

    Run missing =
        run(
            "--users-file",
            users.toString(),
            "--query-api-url",
            "http://a:1",
            "--scheduling-url",
            "http://b:2");
    List<String> shortArgs = serveArgs(users);
    shortArgs.set(shortArgs.indexOf("--jwt-key-file") + 1, shortKey.toString());
    Run tooShort = run(shortArgs.toArray(String[]::new));
    List<String> sameArgs = serveArgs(users);
    sameArgs.set(sameArgs.indexOf("--jwt-key-file") + 1, serviceKey.toString());
    Run same = run(sameArgs.toArray(String[]::new));

    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("--jwt-key-file: missing");
    assertThat(tooShort.err()).contains("--jwt-key-file: the key must be at least 32 bytes");
    assertThat(same.err()).contains("must differ");
  }
}
