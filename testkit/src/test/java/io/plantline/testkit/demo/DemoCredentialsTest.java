package io.plantline.testkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCredentialsTest {

  @Test
  void shouldGenerateOnFirstStartIntoAnOwnerOnlyFileAndReuseAfterwards(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("demo/credentials.properties");

    DemoCredentials first = DemoCredentials.loadOrCreate(file);
    DemoCredentials second = DemoCredentials.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    for (String server : DemoCredentials.SERVERS) {
      assertThat(second.forServer(server)).isEqualTo(first.forServer(server));
    }
    assertThat(first.forServer("kafka").password())
        .isNotEqualTo(first.forServer("mosquitto").password());
  }

  @Test
  void shouldCompleteAFileThatLacksAServer(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials.properties");
    Files.writeString(file, "kafka.username=ops\nkafka.password=kept-from-before\n");

    DemoCredentials logins = DemoCredentials.loadOrCreate(file);

    assertThat(logins.forServer("kafka").password()).isEqualTo("kept-from-before");
    assertThat(logins.forServer("cassandra").password()).hasSize(24);
    assertThat(Files.readString(file)).contains("cassandra.password=");
  }
}
