package io.plantline.deploy.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.plantline.deploy.manifest.CrdSchemas;
import io.plantline.deploy.manifest.Kustomize;
import io.plantline.deploy.manifest.MosquittoConf;
import io.plantline.deploy.manifest.RenderedOverlay;
import io.plantline.deploy.manifest.StrictModels;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.mqtt.MosquittoPasswordFile;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.Deadline;
import io.plantline.testkit.process.LoopbackPorts;
import io.plantline.testkit.process.ProcessLauncher;
import io.plantline.testkit.process.WorkDirectory;
import io.plantline.testkit.tls.ServerCertificateFiles;
import io.plantline.testkit.tls.TestCertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plant broker's configuration exactly as the plant overlay ships it (ConfigMap {@code
 * mosquitto-config}), run by a real Mosquitto with the files laid out as the pod mounts them: a
 * certificate like cert-manager's, the password file, the access list rendered from the sample
 * inventory. Only the mount root and the listener's address change (loopback, a free port).
 *
 * <p>It proves what the offline checks cannot: the broker accepts that configuration, speaks only
 * TLS on its one listener, refuses a wrong password, and picks up a renewed certificate on SIGHUP,
 * which is what the pod's cert-reloader sidecar sends.
 */
class PlantBrokerTlsIT {
  private ChildProcess broker;
  private Path root;

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.stop(Duration.ofSeconds(10));
    }
    if (root != null) {
      WorkDirectory.delete(root);
    }
  }

  @Test
  void shouldServeTheShippedConfigurationOverTlsOnlyAndReloadARenewedCertificate()
      throws Exception {
    RenderedOverlay plant =
        RenderedOverlay.render(
            "plant",
            Kustomize.k8sDir().resolve("overlays/plant"),
            new StrictModels(CrdSchemas.load()));
    Deployment deployment = plant.one(Deployment.class, "mosquitto");
    String shipped =
        plant
            .mountedConfigMap(deployment.getSpec().getTemplate(), "config")
            .getData()
            .get("mosquitto.conf");
    MosquittoConf conf = MosquittoConf.parse(shipped);
    assertThat(conf.listeners()).containsExactly(8883);

    // The pod's mounts under /mosquitto/, here under a work directory.
    root = WorkDirectory.create("plant-broker");
    int port = LoopbackPorts.next();
    String config =
        shipped
            .replace("/mosquitto/", root + "/")
            .replace("listener 8883\n", "listener " + port + " " + LoopbackPorts.HOST + "\n");
    if ("root".equals(System.getProperty("user.name"))) {
      config += "user root\n"; // as root Mosquitto would switch to a user that cannot read root's
    }
    TestCertificateAuthority ca = TestCertificateAuthority.create("plantline-mqtt-ca");
    ServerCertificateFiles first =
        ca.issueServerCertificate(Files.createDirectories(root.resolve("issued-1")));
    installCertificate(first, MosquittoConf.parse(config));
    Credentials gateway = Credentials.generate("gw-edge-hall-a");
    Credentials bridge = Credentials.generate(BrokerAcl.BRIDGE_USER);
    write(root.resolve("secrets/passwords"), MosquittoPasswordFile.of(List.of(gateway, bridge)));
    Inventory inventory =
        InventoryReader.read(
            Files.readString(
                Path.of(getClass().getResource("/inventory/plant-sample.yaml").toURI())),
            "plant-sample.yaml");
    write(root.resolve("acl/acl"), BrokerAcl.of(inventory).mosquittoAclFile());
    Files.createDirectories(root.resolve("data"));
    Path confFile = write(root.resolve("config/mosquitto.conf"), config);

    broker =
        ProcessLauncher.start(
            "plant-mosquitto",
            List.of(
                MosquittoServer.executable().orElseThrow().toString(), "-c", confFile.toString()),
            root,
            root.resolve("mosquitto.log"),
            Map.of());
    Deadline.await(
        "the plant broker's configuration on port " + port,
        Duration.ofSeconds(20),
        broker,
        () -> Deadline.portOpen(LoopbackPorts.HOST, port));

    // Plain MQTT on the one listener gets no CONNACK: it is a TLS port.
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 2000);
      plain.setSoTimeout(5000);
      plain.getOutputStream().write(connectPacket(gateway.username(), gateway.password()));
      plain.getOutputStream().flush();
      assertThat(firstByteOrEnd(plain.getInputStream()))
          .as("a plain MQTT CONNECT gets no CONNACK (0x20)")
          .isNotEqualTo(0x20);
    }

    // Over TLS, checking the certificate's chain and name as the services do.
    SSLContext tls = trusting(first.caCertificate());
    assertThat(connack(tls, port, gateway.username(), gateway.password()))
        .as("the gateway's login")
        .isZero();
    assertThat(connack(tls, port, gateway.username(), "not-" + gateway.password()))
        .as("a wrong password (MQTT 3.1.1 return codes 4 or 5)")
        .isIn(4, 5);
    BigInteger firstSerial = serverCertificate(tls, port).getSerialNumber();

    // Renewal: cert-manager rewrites the Secret, the sidecar sends SIGHUP, new handshakes get the
    // new certificate; the broker keeps running.
    ServerCertificateFiles renewed =
        ca.issueServerCertificate(Files.createDirectories(root.resolve("issued-2")));
    installCertificate(renewed, MosquittoConf.parse(config));
    BigInteger renewedSerial = serial(renewed.serverCertificate());
    assertThat(renewedSerial).isNotEqualTo(firstSerial);
    assertThat(serverCertificate(tls, port).getSerialNumber())
        .as("no reload without the signal")
        .isEqualTo(firstSerial);
    Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(broker.pid())).start();
    assertThat(hup.waitFor()).isZero();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(serverCertificate(tls, port).getSerialNumber())
                    .isEqualTo(renewedSerial));
    assertThat(broker.isAlive()).isTrue();
    assertThat(connack(tls, port, bridge.username(), bridge.password())).isZero();
  }

  /** Lays the certificate files out where the configuration names them, as the Secret would. */
  private static void installCertificate(ServerCertificateFiles files, MosquittoConf conf)
      throws IOException {
    copy(files.caCertificate(), Path.of(conf.value("cafile")));
    copy(files.serverCertificate(), Path.of(conf.value("certfile")));
    copy(files.serverKey(), Path.of(conf.value("keyfile")));
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Path next = to.resolveSibling(to.getFileName() + ".next");
    Files.copy(from, next, StandardCopyOption.REPLACE_EXISTING);
    Files.move(next, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("plantline-mqtt-ca", certificate(caFile));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static SSLSocket open(SSLContext tls, int port) throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 2000);
    socket.setSoTimeout(5000);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the name (here 127.0.0.1) is checked
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static X509Certificate serverCertificate(SSLContext tls, int port) throws IOException {
    try (SSLSocket socket = open(tls, port)) {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** The CONNACK return code the broker answers an MQTT 3.1.1 CONNECT with. */
  private static int connack(SSLContext tls, int port, String username, String password)
      throws IOException {
    try (SSLSocket socket = open(tls, port)) {
      OutputStream out = socket.getOutputStream();
      out.write(connectPacket(username, password));
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int type = in.readUnsignedByte();
      assertThat(type).as("CONNACK").isEqualTo(0x20);
      assertThat(in.readUnsignedByte()).as("CONNACK remaining length").isEqualTo(2);
      in.readUnsignedByte(); // session present
      return in.readUnsignedByte();
    }
  }

  private static int firstByteOrEnd(InputStream in) {
    try {
      return in.read();
    } catch (IOException e) {
      return -1; // reset or timed out: no CONNACK either way
    }
  }

  private static byte[] connectPacket(String username, String password) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    utf8(body, "MQTT");
    body.write(4); // protocol level 3.1.1
    body.write(0xC2); // user name, password, clean session
    body.write(0);
    body.write(30); // keep-alive 30 s
    utf8(body, "plant-broker-it-" + username);
    utf8(body, username);
    utf8(body, password);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x10);
    int length = body.size();
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  private static void utf8(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xFF);
    out.writeBytes(bytes);
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static BigInteger serial(Path pem) throws Exception {
    return certificate(pem).getSerialNumber();
  }
}
