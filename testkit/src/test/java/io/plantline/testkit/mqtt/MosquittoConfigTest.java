package io.plantline.testkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.tls.ServerCertificateFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MosquittoConfigTest {
  private final Path dir = Path.of("/tmp/mosquitto-test");

  @Test
  void shouldRefuseAnonymousClientsAndListenOnLoopbackOnly() {
    String conf = MosquittoServer.config(dir, 18830, null, null, false);

    assertThat(conf)
        .contains("allow_anonymous false")
        .contains("password_file /tmp/mosquitto-test/passwd")
        .contains("listener 18830 127.0.0.1")
        .doesNotContain("cafile")
        .doesNotContain("acl_file")
        .contains("max_inflight_messages 0");
    assertThat(conf.lines().filter(l -> l.startsWith("listener")))
        .allMatch(l -> l.endsWith(" 127.0.0.1"));
  }

  @Test
  void shouldConfigureTheTlsListenerWithTheIssuedCertificate() {
    ServerCertificateFiles certs =
        new ServerCertificateFiles(
            dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"));

    String conf = MosquittoServer.config(dir, 18830, 18831, certs, false);

    assertThat(conf.substring(conf.indexOf("listener 18831 127.0.0.1")))
        .contains("cafile /tmp/mosquitto-test/ca.pem")
        .contains("certfile /tmp/mosquitto-test/server.pem")
        .contains("keyfile /tmp/mosquitto-test/server.key")
        .contains("tls_version tlsv1.2");
  }

  @Test
  void shouldListenWithTlsOnlyAndDecideEveryTopicByTheAclFile() {
    ServerCertificateFiles certs =
        new ServerCertificateFiles(
            dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"));

    String conf = MosquittoServer.config(dir, null, 18831, certs, true);

    assertThat(conf).contains("acl_file /tmp/mosquitto-test/acl");
    assertThat(conf.lines().filter(l -> l.startsWith("listener")))
        .containsExactly("listener 18831 127.0.0.1");
  }

  @Test
  void shouldKeepDeniedPublicationsAndDropMessageTrafficFromTheDebugLog() {
    assertThat(
            MosquittoServer.keepLogLine(
                "2026-11-26T07:50:01: Denied PUBLISH from forger (d0, q1, r0, m2,"
                    + " 'plantline/v1/s/a/d/telemetry', ... (12 bytes))"))
        .isTrue();
    assertThat(MosquittoServer.keepLogLine("2026-11-26T07:50:01: New client connected from x"))
        .isTrue();
    assertThat(
            MosquittoServer.keepLogLine(
                "2026-11-26T07:50:01: Received PUBLISH from gw (d0, q1, r0, m3, 't', ... (9 bytes))"))
        .isFalse();
    assertThat(MosquittoServer.keepLogLine("2026-11-26T07:50:01: Sending PUBACK to gw (m3, rc0)"))
        .isFalse();
    assertThat(MosquittoServer.keepLogLine("2026-11-26T07:50:01: Received PINGREQ from gw"))
        .isFalse();
  }
}
