package io.plantline.deploy.render;

import io.plantline.deploy.render.Inventory.Site;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names the plant broker's TLS certificate must carry: the Service inside the plant namespace
 * and the host of every site's {@code mqtt.url}, which the gateways check the certificate against.
 * Written as a patch of the cert-manager {@code Certificate} {@code mosquitto-tls}
 * (k8s/base/plant/mqtt-tls.yaml) for the plant overlay.
 */
public final class BrokerCertificate {
  /** The namespace of the plant overlay (k8s/overlays/plant). */
  static final String PLANT_NAMESPACE = "plantline";

  private BrokerCertificate() {}

  /** The certificate's DNS names, in-cluster names first, then each site's broker host once. */
  public static Set<String> dnsNames(Inventory plant) {
    Set<String> names = new LinkedHashSet<>();
    names.add("mosquitto");
    names.add("mosquitto." + PLANT_NAMESPACE + ".svc");
    names.add("mosquitto." + PLANT_NAMESPACE + ".svc.cluster.local");
    for (Site site : plant.sites()) {
      names.add(site.mqttHost());
    }
    return names;
  }

  /** The Certificate patch (a list in a custom resource is replaced whole, so all names). */
  public static String patch(Inventory plant) {
    StringBuilder yaml =
        new StringBuilder(
            """
            # Rendered by plantline deploy render: the plant broker's certificate names (the
            # Service, and each site's mqtt.url host). Use it as the plant overlay's mosquitto-tls.yaml.
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: mosquitto-tls
            spec:
              dnsNames:
            """);
    dnsNames(plant).forEach(name -> yaml.append("    - ").append(name).append('\n'));
    return yaml.toString();
  }

  static Path write(Inventory plant, Path out) throws IOException {
    Path file = Files.createDirectories(out.resolve("plant")).resolve("mosquitto-tls.yaml");
    Files.writeString(file, patch(plant), StandardCharsets.UTF_8);
    return file;
  }
}
