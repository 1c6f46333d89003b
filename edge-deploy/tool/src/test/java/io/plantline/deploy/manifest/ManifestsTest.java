package io.plantline.deploy.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.plantline.contracts.store.CassandraGrants;
import io.plantline.contracts.topic.KafkaGrants;
import io.plantline.contracts.topic.Topics;
import io.plantline.deploy.manifest.RenderedOverlay.Workload;
import io.plantline.gateway.app.config.GatewayConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every overlay in edge-deploy/k8s with {@code kubectl kustomize}, parses every object
 * strictly, checks the deployment policies, and checks the manifests against the code: the
 * gateway's ConfigMap loads with the gateway's loader, probe and Service ports are the ports the
 * services are told to serve, the services accept their arguments, the topics are the contracts'.
 */
class ManifestsTest {
  /** The images this module builds (edge-deploy/images/*). */
  static final Set<String> PLANTLINE_IMAGES =
      Set.of(
          "edge-gateway",
          "ingestion",
          "stream-processing",
          "scheduling-service",
          "quality-service",
          "energy-service",
          "console");

  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|token|secret|key).*");

  private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
      new com.fasterxml.jackson.databind.ObjectMapper(
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

  static final Map<String, RenderedOverlay> OVERLAYS = new HashMap<>();
  static StrictModels models;

  @BeforeAll
  static void renderOverlays() throws Exception {
    models = new StrictModels(CrdSchemas.load());
    Path k8s = Kustomize.k8sDir();
    for (String overlay : List.of("edge", "plant", "demo")) {
      OVERLAYS.put(
          overlay,
          RenderedOverlay.render(overlay, k8s.resolve("overlays").resolve(overlay), models));
    }
  }

  @Test
  void shouldRenderEveryOverlayIntoStrictlyParsedObjects() {
    assertThat(OVERLAYS.get("edge").all(StatefulSet.class)).hasSize(1);
    assertThat(OVERLAYS.get("plant").all(Deployment.class)).hasSize(8);
    assertThat(OVERLAYS.get("demo").workloads()).hasSize(9);
    assertThat(OVERLAYS.get("plant").customResources("KafkaTopic")).hasSize(Topics.ALL.size());
    assertThat(OVERLAYS.get("plant").customResources("FlinkDeployment")).hasSize(1);
    assertThat(OVERLAYS.get("plant").customResources("K8ssandraCluster")).hasSize(1);
    assertThat(OVERLAYS.get("plant").customResources("KafkaUser"))
        .hasSize(KafkaGrants.COMPONENTS.size());
    assertThat(OVERLAYS.get("plant").customResources("Certificate")).hasSize(2);
    assertThat(OVERLAYS.get("plant").customResources("Issuer")).hasSize(2);
  }

  @Test
  void shouldRejectUnknownFieldsInBuiltInAndCustomResources() throws Exception {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
                - {name: x, image: x:1, livenessProbes: {}}
        """;
    assertThatThrownBy(() -> models.parse(StrictModels.documents(deployment)))
        .hasMessageContaining("unknown fields")
        .hasMessageContaining("livenessProbes");
    String kafka =
        """
        apiVersion: kafka.strimzi.io/v1
        kind: Kafka
        metadata: {name: x}
        spec:
          kafka:
            listeners: [{name: plain, port: 9092, type: internal, tls: false}]
            replicas: 3
        """;
    assertThatThrownBy(() -> models.parse(StrictModels.documents(kafka)))
        .hasMessageContaining(".spec.kafka.replicas: unknown property");
    String topic =
        """
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata: {name: x}
        spec: {partitions: "12"}
        """;
    assertThatThrownBy(() -> models.parse(StrictModels.documents(topic)))
        .hasMessageContaining(".spec.partitions: must be an integer");
  }

  @Test
  void shouldGiveEveryWorkloadProbesLimitsANonRootUserAndAReadOnlyRoot() {
    for (RenderedOverlay overlay : OVERLAYS.values()) {
      for (Workload workload : overlay.workloads()) {
        String at = overlay.name() + " " + workload.name();
        Container container = workload.container();
        assertThat(container.getLivenessProbe()).as(at + " liveness").isNotNull();
        assertThat(container.getReadinessProbe()).as(at + " readiness").isNotNull();
        Map<String, ?> requests = container.getResources().getRequests();
        Map<String, ?> limits = container.getResources().getLimits();
        assertThat(requests).as(at + " requests").containsKeys("cpu", "memory");
        assertThat(limits).as(at + " limits").containsKeys("cpu", "memory");
        PodSecurityContext pod = workload.pod().getSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).as(at + " runAsNonRoot").isTrue();
        assertThat(pod.getRunAsUser()).as(at + " runAsUser").isNotNull().isPositive();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
            .as(at + " allowPrivilegeEscalation")
            .isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
            .as(at + " readOnlyRootFilesystem")
            .isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop())
            .as(at + " capabilities")
            .contains("ALL");
        assertThat(workload.pod().getMetadata().getLabels())
            .as(at + " labels")
            .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/part-of");
      }
    }
  }

  @Test
  void shouldUseVersionedImagesOnlyAndTheImagesThisModuleBuilds() {
    String tag = System.getProperty("deploy.image.tag", "0.1.0-SNAPSHOT");
    String prefix = System.getProperty("deploy.image.prefix", "docker.io/plantline") + "/";
    for (RenderedOverlay overlay : OVERLAYS.values()) {
      List<String> images = new ArrayList<>();
      overlay.workloads().forEach(w -> images.add(w.container().getImage()));
      overlay
          .customResources("FlinkDeployment")
          .forEach(f -> images.add(f.path("spec").path("image").asText()));
      for (String image : images) {
        int colon = image.lastIndexOf(':');
        assertThat(colon)
            .as(overlay.name() + " " + image + " has a tag")
            .isGreaterThan(image.lastIndexOf('/'));
        assertThat(image.substring(colon + 1)).as(image).isNotEqualTo("latest");
        if (image.startsWith(prefix)) {
          assertThat(PLANTLINE_IMAGES).contains(image.substring(prefix.length(), colon));
          assertThat(image.substring(colon + 1))
              .as(image + " tag = project version")
              .isEqualTo(tag);
        } else {
          assertThat(image)
              .as("third-party image")
              .startsWith("docker.io/library/eclipse-mosquitto:");
        }
      }
    }
  }

  @Test
  void shouldReferenceSecretsByNameAndNeverInlineThem() {
    for (RenderedOverlay overlay : OVERLAYS.values()) {
      assertThat(overlay.documents())
          .as(overlay.name() + " has no Secret objects")
          .noneMatch(d -> d.path("kind").asText().equals("Secret"));
      assertThat(overlay.yaml())
          .as(overlay.name() + " has no inline secret data")
          .doesNotContainPattern("(?im)^\\s*(stringData|data):\\s*$(?=[\\s\\S]*kind: Secret)")
          .doesNotContainPattern("(?i)password:\\s*\\S")
          .doesNotContainPattern("(?i)(token|secret|jwt-key)\\s*[:=]\\s*[A-Za-z0-9+/]{16,}");
      for (Workload workload : overlay.workloads()) {
        for (EnvVar env : workload.container().getEnv()) {
          if (SECRET_NAME.matcher(env.getName()).matches()) {
            assertThat(env.getValue())
                .as(workload.name() + " " + env.getName() + " inline")
                .isNull();
            assertThat(env.getValueFrom().getSecretKeyRef())
                .as(workload.name() + " " + env.getName() + " from a Secret")
                .isNotNull();
          }
        }
      }
    }
  }

  @Test
  void shouldLoadEachGatewayConfigMapWithTheGatewaysOwnLoader() throws Exception {
    for (String name : List.of("edge", "demo")) {
      RenderedOverlay overlay = OVERLAYS.get(name);
      StatefulSet gateway = overlay.one(StatefulSet.class, "edge-gateway");
      Workload workload =
          new Workload(gateway.getMetadata().getName(), gateway, gateway.getSpec().getTemplate());
      checkGatewayWorkload(overlay, workload);
    }
  }

  /** Shared with the rendered per-node overlays (RenderOverlaysTest). */
  static GatewayConfig checkGatewayWorkload(RenderedOverlay overlay, Workload workload)
      throws Exception {
    String at = overlay.name() + " " + workload.name();
    Container container = workload.container();
    assertThat(container.getArgs())
        .as(at)
        .containsExactly("--config", "/etc/plantline/gateway.yaml");
    ConfigMap configMap = overlay.mountedConfigMap(workload.pod(), "config");
    String yaml = configMap.getData().get("gateway.yaml");
    Set<String> secretEnv =
        container.getEnv().stream()
            .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
            .map(EnvVar::getName)
            .collect(Collectors.toSet());
    Path dir = Files.createTempDirectory("gateway-config");
    // The uplink is MQTT over TLS only, trusting the CA certificate mounted from a Secret's ca.crt.
    JsonNode mqtt = YAML.readTree(yaml).path("uplinks").path("mqtt");
    assertThat(mqtt.path("url").asText()).as(at + " MQTT over TLS").startsWith("ssl://");
    String caFile = mqtt.path("caFile").asText();
    assertThat(overlay.mountedSecretFile(workload.pod(), container, caFile).key())
        .as(at + " caFile " + caFile + " is a mounted ca.crt")
        .isEqualTo("ca.crt");
    Path caStandIn = Files.writeString(dir.resolve("ca.crt"), "stands in for the mounted file");
    GatewayConfig config =
        GatewayConfig.parse(
            yaml.replace(caFile, caStandIn.toString()),
            at + " gateway.yaml",
            dir,
            env -> secretEnv.contains(env) ? "from-secret" : null);
    assertThat(config.mqtt().orElseThrow().tls()).as(at + " TLS").isTrue();
    // The health endpoint listens where the probes, the container port and the Service look.
    assertThat(config.httpBind()).as(at + " http.bind").isEqualTo("0.0.0.0");
    int port = containerPort(container, "http");
    assertThat(config.httpPort()).as(at + " http.port = containerPort").isEqualTo(port);
    checkProbe(container.getLivenessProbe(), "/health/live", container, port, at);
    checkProbe(container.getReadinessProbe(), "/health/ready", container, port, at);
    Service service = overlay.one(Service.class, workload.name());
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(port);
    // The journal directory is the persistent volume.
    String journal = config.journal().directory().toString();
    assertThat(container.getVolumeMounts())
        .as(at + " journal mount")
        .anyMatch(m -> m.getName().equals("journal") && m.getMountPath().equals(journal));
    StatefulSet set = (StatefulSet) workload.object();
    assertThat(set.getSpec().getVolumeClaimTemplates())
        .as(at + " journal volume")
        .anyMatch(
            t ->
                t.getMetadata().getName().equals("journal")
                    && "local-path".equals(t.getSpec().getStorageClassName()));
    assertThat(workload.pod().getSpec().getTerminationGracePeriodSeconds())
        .as(at + " grace period covers the 5 s drain and the 30 s shutdown hook")
        .isGreaterThanOrEqualTo(35L);
    // The NetworkPolicy lets the gateway reach every device it polls, and nothing else on 502.
    NetworkPolicy policy =
        overlay.all(NetworkPolicy.class).stream()
            .filter(p -> p.getMetadata().getName().startsWith("edge-gateway"))
            .filter(
                p ->
                    p.getSpec().getPodSelector().getMatchLabels().entrySet().stream()
                        .allMatch(
                            e ->
                                e.getValue()
                                    .equals(
                                        workload.pod().getMetadata().getLabels().get(e.getKey()))))
            .findFirst()
            .orElseThrow(() -> new AssertionError(at + ": no NetworkPolicy selects the gateway"));
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    List<String> modbusCidrs = new ArrayList<>();
    for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
      if (rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 502)) {
        rule.getTo().forEach(peer -> modbusCidrs.add(peer.getIpBlock().getCidr()));
      }
    }
    config
        .devices()
        .forEach(
            device ->
                assertThat(modbusCidrs.stream().anyMatch(c -> inCidr(device.host(), c)))
                    .as(at + " egress to " + device.deviceId() + " at " + device.endpoint())
                    .isTrue());
    assertThat(policy.getSpec().getIngress())
        .allMatch(r -> r.getPorts().stream().allMatch(p -> p.getPort().getIntVal() == port));
    // MQTT leaves only for the broker's TLS port; plain MQTT (1883) is not let out at all.
    List<Integer> egressPorts =
        policy.getSpec().getEgress().stream()
            .flatMap(r -> r.getPorts().stream())
            .map(p -> p.getPort().getIntVal())
            .toList();
    assertThat(egressPorts)
        .as(at + " egress ports")
        .contains(config.mqtt().orElseThrow().port())
        .doesNotContain(1883);
    return config;
  }

  @Test
  void shouldStartTheServicesOnTheArgumentsAndPortsTheManifestsGiveThem() {
    RenderedOverlay plant = OVERLAYS.get("plant");
    Map<String, Class<?>> commands = new HashMap<>();
    commands.put("ingestion-bridge", io.plantline.ingestion.app.IngestionMain.class);
    commands.put("ingestion-writers", io.plantline.ingestion.app.IngestionMain.class);
    commands.put("query-api", io.plantline.ingestion.app.IngestionMain.class);
    commands.put("scheduling", io.plantline.scheduling.app.SchedulingMain.class);
    commands.put("console", io.plantline.console.app.ConsoleMain.class);
    for (Map.Entry<String, Class<?>> entry : commands.entrySet()) {
      Deployment deployment = plant.one(Deployment.class, entry.getKey());
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      String at = "plant " + entry.getKey();
      picocli.CommandLine.ParseResult parsed =
          new picocli.CommandLine(entry.getValue())
              .parseArgs(container.getArgs().toArray(String[]::new));
      while (parsed.subcommand() != null) {
        parsed = parsed.subcommand();
      }
      assertThat(parsed.unmatched()).as(at + " unmatched args").isEmpty();
      assertThat(String.valueOf((Object) parsed.matchedOptionValue("--http-host", "127.0.0.1")))
          .as(at + " --http-host (probes come from the kubelet, not loopback)")
          .isEqualTo("0.0.0.0");
      int port =
          Integer.parseInt(
              String.valueOf((Object) parsed.matchedOptionValue("--http-port", (Object) "-1")));
      assertThat(port)
          .as(at + " --http-port = containerPort")
          .isEqualTo(containerPort(container, "http"));
      checkProbe(container.getLivenessProbe(), "/health/live", container, port, at);
      checkProbe(container.getReadinessProbe(), "/health/ready", container, port, at);
      Service service = plant.one(Service.class, entry.getKey());
      assertThat(service.getSpec().getPorts().get(0).getPort())
          .as(at + " Service port")
          .isEqualTo(port);
      // Every secret the service is told to read from the environment comes from a Secret.
      for (picocli.CommandLine.Model.OptionSpec option : parsed.matchedOptions()) {
        if (option.longestName().endsWith("-env")) {
          String variable = String.valueOf((Object) option.getValue());
          assertThat(container.getEnv())
              .as(at + " " + option.longestName() + " " + variable)
              .anyMatch(
                  e -> e.getName().equals(variable) && e.getValueFrom().getSecretKeyRef() != null);
        }
      }
    }
  }

  @Test
  void shouldShipTheServicesOwnConfigurationFilesUnchanged() throws Exception {
    Path root = Kustomize.k8sDir().getParent().getParent();
    RenderedOverlay plant = OVERLAYS.get("plant");
    Map<String, Path> files =
        Map.of(
            "quality-characteristics",
                root.resolve("quality-service/config/plant-small-quality.yaml"),
            "energy-sites", root.resolve("energy-service/config/plant-small-energy.yaml"));
    for (Map.Entry<String, Path> file : files.entrySet()) {
      ConfigMap configMap = plant.one(ConfigMap.class, file.getKey());
      assertThat(configMap.getData().values().iterator().next())
          .as(file.getKey() + " is the service's own file " + file.getValue())
          .isEqualTo(Files.readString(file.getValue()));
    }
    for (String name : List.of("quality", "energy")) {
      Container container =
          plant
              .one(Deployment.class, name)
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0);
      List<String> args = container.getArgs();
      int port = Integer.parseInt(args.get(args.indexOf("--http-port") + 1));
      assertThat(args.get(args.indexOf("--http-host") + 1)).isEqualTo("0.0.0.0");
      assertThat(port).isEqualTo(containerPort(container, "http"));
    }
  }

  /**
   * Each KafkaUser grants its component exactly the {@link KafkaGrants} the demo applies, every
   * Kafka client logs in as its user over the TLS listener, and the listener asks for SCRAM.
   */
  @Test
  void shouldGrantEachServiceExactlyItsKafkaGrantsOverTlsWithScram() {
    for (String overlay : List.of("plant", "demo")) {
      RenderedOverlay rendered = OVERLAYS.get(overlay);
      ObjectNode kafka = rendered.customResource("Kafka", "plantline").orElseThrow();
      JsonNode listeners = kafka.path("spec").path("kafka").path("listeners");
      assertThat(listeners).as(overlay + " listeners").hasSize(1);
      assertThat(listeners.get(0).path("tls").asBoolean()).isTrue();
      assertThat(listeners.get(0).path("authentication").path("type").asText())
          .isEqualTo("scram-sha-512");
      assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText())
          .isEqualTo("simple");
      Map<String, String> userOfComponent = new HashMap<>();
      for (ObjectNode user : rendered.customResources("KafkaUser")) {
        String component =
            user.path("metadata").path("annotations").path("plantline.io/component").asText();
        userOfComponent.put(component, user.path("metadata").path("name").asText());
        Set<String> acls = new java.util.TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
          JsonNode r = acl.path("resource");
          acls.add(
              r.path("type").asText()
                  + ":"
                  + r.path("name").asText()
                  + ":"
                  + r.path("patternType").asText()
                  + ":"
                  + acl.path("operations"));
        }
        assertThat(acls)
            .as(overlay + " KafkaUser " + user.path("metadata").path("name").asText())
            .isEqualTo(expectedAcls(KafkaGrants.of(component)));
      }
      assertThat(userOfComponent.keySet())
          .as(overlay + " a KafkaUser per component")
          .containsExactlyInAnyOrderElementsOf(
              KafkaGrants.COMPONENTS.stream().map(KafkaGrants.Grant::component).toList());
      for (Deployment d : rendered.all(Deployment.class)) {
        List<String> args = d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        int bootstrap = args.indexOf("--kafka-bootstrap-servers");
        if (bootstrap < 0) {
          continue;
        }
        String at = overlay + " " + d.getMetadata().getName();
        assertThat(args.get(bootstrap + 1)).as(at).isEqualTo("plantline-kafka-bootstrap:9093");
        assertThat(args.get(args.indexOf("--kafka-sasl-mechanism") + 1)).isEqualTo("SCRAM-SHA-512");
        assertThat(args).as(at).contains("--kafka-ca-file");
        String user = args.get(args.indexOf("--kafka-username") + 1);
        assertThat(userOfComponent).as(at + " logs in as a KafkaUser").containsValue(user);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
            .as(at + " password from its KafkaUser's Secret")
            .anyMatch(
                e ->
                    e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null
                        && e.getValueFrom().getSecretKeyRef().getName().equals(user));
      }
      ObjectNode job = rendered.customResources("FlinkDeployment").get(0);
      assertThat(job.path("spec").path("job").path("args").toString())
          .contains("plantline-kafka-bootstrap:9093", userOfComponent.get("anomaly-job"));
    }
  }

  private static Set<String> expectedAcls(KafkaGrants.Grant grant) {
    Set<String> acls = new java.util.TreeSet<>();
    grant.reads().forEach(t -> acls.add("topic:" + t + ":literal:[\"Read\",\"Describe\"]"));
    grant.writes().forEach(t -> acls.add("topic:" + t + ":literal:[\"Write\",\"Describe\"]"));
    if (grant.groupPrefix() != null) {
      acls.add("group:" + grant.groupPrefix() + ":prefix:[\"Read\"]");
    }
    if (grant.transactionalIdPrefix() != null) {
      acls.add(
          "transactionalId:" + grant.transactionalIdPrefix() + ":prefix:[\"Write\",\"Describe\"]");
    }
    return acls;
  }

  /**
   * The plant broker listens on TLS only, with cert-manager's certificate for the names its clients
   * use, and every MQTT client of the plant (bridge, console, the demo's gateway) connects over TLS
   * to one of those names, trusting the CA that issued it.
   */
  @Test
  void shouldServeMqttOnlyOverTlsWithACertificateFromCertManager() throws Exception {
    for (String name : List.of("plant", "demo")) {
      RenderedOverlay overlay = OVERLAYS.get(name);
      String namespace = name.equals("plant") ? "plantline" : "plantline-demo";
      Deployment broker = overlay.one(Deployment.class, "mosquitto");
      PodTemplateSpecView pod = new PodTemplateSpecView(overlay, broker);
      Container mosquitto = pod.container("mosquitto");
      String conf =
          overlay
              .mountedConfigMap(broker.getSpec().getTemplate(), "config")
              .getData()
              .get("mosquitto.conf");
      MosquittoConf parsed = MosquittoConf.parse(conf);
      assertThat(parsed.listeners()).as(name + " listeners").containsExactly(8883);
      assertThat(parsed.value("allow_anonymous")).isEqualTo("false");
      String secret = null;
      for (String key : List.of("cafile", "certfile", "keyfile")) {
        RenderedOverlay.SecretFile file =
            overlay.mountedSecretFile(broker.getSpec().getTemplate(), mosquitto, parsed.value(key));
        assertThat(file.key())
            .as(name + " " + key)
            .isEqualTo(
                Map.of("cafile", "ca.crt", "certfile", "tls.crt", "keyfile", "tls.key").get(key));
        secret = file.secretName();
      }
      int port = containerPort(mosquitto, "mqtts");
      assertThat(port).isEqualTo(8883);
      assertThat(mosquitto.getLivenessProbe().getTcpSocket().getPort().getStrVal())
          .isEqualTo("mqtts");
      assertThat(overlay.one(Service.class, "mosquitto").getSpec().getPorts())
          .singleElement()
          .satisfies(p -> assertThat(p.getPort()).isEqualTo(port));
      assertThat(overlay.one(NetworkPolicy.class, "mosquitto").getSpec().getIngress())
          .flatExtracting(r -> r.getPorts())
          .extracting(p -> p.getPort().getIntVal())
          .containsExactly(port);
      // The renewal path: cert-manager rewrites the Secret, the sidecar sees tls.crt change and
      // signals the broker, which it can only do in a shared PID namespace.
      assertThat(broker.getSpec().getTemplate().getSpec().getShareProcessNamespace()).isTrue();
      Container reloader = pod.container("cert-reloader");
      assertThat(String.join(" ", reloader.getArgs()))
          .contains(parsed.value("certfile"), "pkill -HUP -x mosquitto");
      assertThat(
              overlay
                  .mountedSecretFile(
                      broker.getSpec().getTemplate(), reloader, parsed.value("certfile"))
                  .secretName())
          .isEqualTo(secret);

      // cert-manager: the broker's Secret comes from a Certificate issued by the plant CA issuer,
      // whose key is the Secret of a CA Certificate from the self-signed issuer.
      ObjectNode certificate = certificateWritingSecret(overlay, secret);
      ObjectNode caIssuer = issuerOf(overlay, certificate);
      String caSecret = caIssuer.path("spec").path("ca").path("secretName").asText();
      ObjectNode ca = certificateWritingSecret(overlay, caSecret);
      assertThat(ca.path("spec").path("isCA").asBoolean()).as(name + " CA certificate").isTrue();
      assertThat(issuerOf(overlay, ca).path("spec").has("selfSigned")).isTrue();
      assertThat(certificate.path("spec").path("usages").toString()).contains("server auth");
      List<String> dnsNames = new ArrayList<>();
      certificate.path("spec").path("dnsNames").forEach(n -> dnsNames.add(n.asText()));
      assertThat(dnsNames)
          .as(name + " certificate names")
          .contains("mosquitto", "mosquitto." + namespace + ".svc");

      // Every MQTT client in the overlay: ssl:// to a name of the certificate on the TLS port,
      // trusting the ca.crt that cert-manager writes beside the broker's certificate.
      int clients = 0;
      for (Workload workload : overlay.workloads()) {
        Container container = workload.container();
        List<String> args = container.getArgs();
        String url;
        String caFile;
        if (args.contains("--mqtt-url")) {
          url = args.get(args.indexOf("--mqtt-url") + 1);
          caFile =
              args.indexOf("--mqtt-ca-file") < 0
                  ? null
                  : args.get(args.indexOf("--mqtt-ca-file") + 1);
        } else if (workload.name().startsWith("edge-gateway")) {
          JsonNode mqtt =
              YAML.readTree(
                      overlay
                          .mountedConfigMap(workload.pod(), "config")
                          .getData()
                          .get("gateway.yaml"))
                  .path("uplinks")
                  .path("mqtt");
          url = mqtt.path("url").asText();
          caFile = mqtt.path("caFile").asText(null);
        } else {
          continue;
        }
        clients++;
        String at = name + " " + workload.name();
        java.net.URI uri = java.net.URI.create(url);
        assertThat(uri.getScheme()).as(at + " " + url).isEqualTo("ssl");
        assertThat(dnsNames)
            .as(at + " connects to a name of the certificate")
            .contains(uri.getHost());
        assertThat(uri.getPort()).as(at + " port").isEqualTo(port);
        assertThat(caFile).as(at + " CA file").isNotNull();
        RenderedOverlay.SecretFile trusted =
            overlay.mountedSecretFile(workload.pod(), container, caFile);
        assertThat(trusted)
            .as(at + " trusts the CA of the broker's certificate")
            .isEqualTo(new RenderedOverlay.SecretFile(secret, "ca.crt"));
      }
      assertThat(clients).as(name + " MQTT clients").isEqualTo(name.equals("plant") ? 2 : 3);
    }
  }

  private static ObjectNode certificateWritingSecret(RenderedOverlay overlay, String secret) {
    return overlay.customResources("Certificate").stream()
        .filter(c -> c.path("spec").path("secretName").asText().equals(secret))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(overlay.name() + ": no Certificate writes " + secret));
  }

  private static ObjectNode issuerOf(RenderedOverlay overlay, ObjectNode certificate) {
    JsonNode ref = certificate.path("spec").path("issuerRef");
    assertThat(ref.path("kind").asText("Issuer")).isEqualTo("Issuer");
    return overlay
        .customResource("Issuer", ref.path("name").asText())
        .orElseThrow(() -> new AssertionError(overlay.name() + ": no Issuer " + ref));
  }

  /** The containers of a Deployment's pod template, by name. */
  private record PodTemplateSpecView(RenderedOverlay overlay, Deployment deployment) {
    Container container(String name) {
      return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
          .filter(c -> c.getName().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError(overlay.name() + ": no container " + name));
    }
  }

  /**
   * In Cassandra each service logs in as its own role of {@link CassandraGrants} (permissions on
   * its keyspace only) with the password from its own Secret; only the Job {@code cassandra-roles}
   * uses the superuser, to create exactly those roles, keyspaces and grants.
   */
  @Test
  void shouldLetEachServiceIntoCassandraOnlyAsItsOwnRole() {
    Map<String, String> componentOf =
        Map.of(
            "ingestion-writers", "writers",
            "query-api", "query-api",
            "scheduling", "scheduling",
            "quality", "quality",
            "energy", "energy");
    for (String name : List.of("plant", "demo")) {
      RenderedOverlay overlay = OVERLAYS.get(name);
      Set<String> loggedIn = new java.util.TreeSet<>();
      for (Deployment d : overlay.all(Deployment.class)) {
        Container container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = container.getArgs();
        int user = args.indexOf("--cassandra-username");
        if (user < 0) {
          continue;
        }
        String at = name + " " + d.getMetadata().getName();
        String component = componentOf.get(d.getMetadata().getName());
        assertThat(component).as(at + " is a known Cassandra client").isNotNull();
        CassandraGrants.Grant grant = CassandraGrants.of(component);
        assertThat(args.get(user + 1)).as(at + " role").isEqualTo(grant.role());
        String env = args.get(args.indexOf("--cassandra-password-env") + 1);
        assertThat(container.getEnv())
            .as(at + " password from its own Secret")
            .anyMatch(
                e ->
                    e.getName().equals(env)
                        && e.getValueFrom()
                            .getSecretKeyRef()
                            .getName()
                            .equals("plantline-cassandra-" + component));
        loggedIn.add(component);
      }
      assertThat(loggedIn)
          .as(name + " every Cassandra client logs in as its role")
          .containsExactlyInAnyOrderElementsOf(
              CassandraGrants.COMPONENTS.stream().map(CassandraGrants.Grant::component).toList());
      assertThat(overlay.yaml().split("\n"))
          .as(name + ": the superuser's Secret is used by the Job only")
          .filteredOn(l -> l.contains("plantline-superuser"))
          .hasSize(3); // the K8ssandraCluster's ref, the Job's --cassandra-username and its env

      io.fabric8.kubernetes.api.model.batch.v1.Job job =
          overlay.one(io.fabric8.kubernetes.api.model.batch.v1.Job.class, "cassandra-roles");
      Container roles = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(roles.getCommand())
          .endsWith(io.plantline.service.cassandra.CassandraRolesMain.class.getName());
      picocli.CommandLine.ParseResult parsed =
          new picocli.CommandLine(new io.plantline.service.cassandra.CassandraRolesMain())
              .parseArgs(roles.getArgs().toArray(String[]::new));
      assertThat(parsed.unmatched()).isEmpty();
      String dir = String.valueOf((Object) parsed.matchedOptionValue("--role-passwords-dir", null));
      String volume =
          roles.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals(dir))
              .findFirst()
              .orElseThrow()
              .getName();
      Map<String, String> roleFiles = new HashMap<>();
      job.getSpec().getTemplate().getSpec().getVolumes().stream()
          .filter(v -> v.getName().equals(volume))
          .findFirst()
          .orElseThrow()
          .getProjected()
          .getSources()
          .forEach(
              source ->
                  source
                      .getSecret()
                      .getItems()
                      .forEach(i -> roleFiles.put(i.getPath(), source.getSecret().getName())));
      Map<String, String> expected = new HashMap<>();
      CassandraGrants.COMPONENTS.forEach(
          g -> expected.put(g.role(), "plantline-cassandra-" + g.component()));
      assertThat(roleFiles).as(name + " a password file per role").isEqualTo(expected);
      assertThat(roles.getEnv())
          .anyMatch(
              e ->
                  e.getName().equals("PLANTLINE_CASSANDRA_REPLICATION_FACTOR")
                      && e.getValue().equals(name.equals("demo") ? "1" : "3"));
      assertThat(job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
          .isTrue();
      assertThat(roles.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(roles.getImage())
          .startsWith(System.getProperty("deploy.image.prefix", "docker.io/plantline") + "/");
    }
  }

  @Test
  void shouldDeclareEveryContractTopicAsAKafkaTopic() throws Exception {
    List<String> topics = new ArrayList<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        topics.add((String) field.get(null));
      }
    }
    assertThat(topics).isNotEmpty();
    for (String overlay : List.of("plant", "demo")) {
      List<String> declared =
          OVERLAYS.get(overlay).customResources("KafkaTopic").stream()
              .map(t -> t.path("spec").path("topicName").asText())
              .toList();
      assertThat(declared).as(overlay).containsExactlyInAnyOrderElementsOf(topics);
      for (ObjectNode topic : OVERLAYS.get(overlay).customResources("KafkaTopic")) {
        String name = topic.path("spec").path("topicName").asText();
        JsonNode config = topic.path("spec").path("config");
        Topics.config(name)
            .forEach(
                (key, value) ->
                    assertThat(config.path(key).asText())
                        .as(overlay + " " + name + " " + key + " (Topics.config)")
                        .isEqualTo(value));
      }
    }
    ObjectNode kafka = OVERLAYS.get("demo").customResource("Kafka", "plantline").orElseThrow();
    JsonNode config = kafka.path("spec").path("kafka").path("config");
    for (ObjectNode topic : OVERLAYS.get("demo").customResources("KafkaTopic")) {
      assertThat(topic.path("spec").path("replicas").asInt())
          .as("demo topic replicas fit its one broker")
          .isEqualTo(1);
    }
    assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(1);
  }

  @Test
  void shouldScaleOnlyWhatCanScaleAndProtectItWithDisruptionBudgets() {
    RenderedOverlay plant = OVERLAYS.get("plant");
    for (HorizontalPodAutoscaler hpa : plant.all(HorizontalPodAutoscaler.class)) {
      String target = hpa.getSpec().getScaleTargetRef().getName();
      Deployment deployment = plant.one(Deployment.class, target);
      assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
      assertThat(deployment.getSpec().getReplicas()).isEqualTo(hpa.getSpec().getMinReplicas());
      assertThat(plant.all(PodDisruptionBudget.class))
          .as(target + " has a PodDisruptionBudget")
          .anyMatch(
              p ->
                  p.getSpec()
                      .getSelector()
                      .getMatchLabels()
                      .equals(deployment.getSpec().getSelector().getMatchLabels()));
    }
    // Singletons by design (persistent MQTT session, ordered per-chart or per-meter state).
    for (String single : List.of("ingestion-bridge", "quality", "energy", "mosquitto")) {
      assertThat(plant.one(Deployment.class, single).getSpec().getReplicas()).isEqualTo(1);
      assertThat(plant.all(HorizontalPodAutoscaler.class))
          .noneMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(single));
    }
  }

  private static int containerPort(Container container, String name) {
    return container.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name))
        .getContainerPort();
  }

  private static void checkProbe(
      Probe probe, String path, Container container, int port, String at) {
    assertThat(probe.getHttpGet()).as(at + " " + path + " is an HTTP probe").isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(at).isEqualTo(path);
    IntOrString probePort = probe.getHttpGet().getPort();
    int resolved =
        probePort.getStrVal() != null
            ? containerPort(container, probePort.getStrVal())
            : probePort.getIntVal();
    assertThat(resolved).as(at + " probe port").isEqualTo(port);
  }

  static boolean inCidr(String host, String cidr) {
    String[] parts = cidr.split("/");
    long network = ipv4(parts[0]);
    int prefix = Integer.parseInt(parts[1]);
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && (ipv4(host) & mask) == network;
  }

  private static long ipv4(String address) {
    long value = 0;
    for (String octet : address.split("\\.")) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    return value;
  }
}
