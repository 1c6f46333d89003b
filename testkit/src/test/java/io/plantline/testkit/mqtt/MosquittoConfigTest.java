package io.plantline.testkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.tls.ServerCertificateFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MosquittoConfigTest {
  private final Path dir = Path.of("/tmp/mosquitto-test");

  @Test
  void shouldRefuseAnonymousClientsAndListenOnLoopbackOnly() {
    String conf = MosquittoServer.config(dir, 18830, null, null);

    assertThat(conf)
        .contains("allow_anonymous false")
        .contains("password_file /tmp/mosquitto-test/passwd")
        .contains("listener 18830 127.0.0.1")
        .doesNotContain("cafile");
    assertThat(conf.lines().filter(l -> l.startsWith("listener")))
        .allMatch(l -> l.endsWith(" 127.0.0.1"));
  }

  @Test
  void shouldConfigureTheTlsListenerWithTheIssuedCertificate() {
    ServerCertificateFiles certs =
        new ServerCertificateFiles(
            dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"));

    String conf = MosquittoServer.config(dir, 18830, 18831, certs);

    assertThat(conf.substring(conf.indexOf("listener 18831 127.0.0.1")))
        .contains("cafile /tmp/mosquitto-test/ca.pem")
        .contains("certfile /tmp/mosquitto-test/server.pem")
        .contains("keyfile /tmp/mosquitto-test/server.key")
        .contains("tls_version tlsv1.2");
  }
}
