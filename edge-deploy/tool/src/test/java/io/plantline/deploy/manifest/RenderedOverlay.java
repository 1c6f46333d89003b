package io.plantline.deploy.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One overlay rendered by kustomize: the raw text, its documents and its typed objects. */
public record RenderedOverlay(
    String name, String yaml, List<ObjectNode> documents, List<HasMetadata> objects) {

  public static RenderedOverlay render(String name, Path dir, StrictModels models)
      throws Exception {
    String yaml = Kustomize.build(dir);
    List<ObjectNode> docs = StrictModels.documents(yaml);
    return new RenderedOverlay(name, yaml, docs, models.parse(docs));
  }

  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends HasMetadata> T one(Class<T> type, String namePrefix) {
    List<T> found =
        all(type).stream().filter(o -> o.getMetadata().getName().startsWith(namePrefix)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          name
              + ": expected one "
              + type.getSimpleName()
              + " "
              + namePrefix
              + ", found "
              + found.size());
    }
    return found.get(0);
  }

  /** Deployments and StatefulSets, by name, with their pod templates. */
  public List<Workload> workloads() {
    List<Workload> workloads = new java.util.ArrayList<>();
    all(Deployment.class)
        .forEach(
            d ->
                workloads.add(
                    new Workload(d.getMetadata().getName(), d, d.getSpec().getTemplate())));
    all(StatefulSet.class)
        .forEach(
            s ->
                workloads.add(
                    new Workload(s.getMetadata().getName(), s, s.getSpec().getTemplate())));
    return workloads;
  }

  public Optional<ObjectNode> customResource(String kind, String name) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .filter(d -> d.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  public List<ObjectNode> customResources(String kind) {
    return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  /** The ConfigMap a pod template mounts as volume {@code volume}. */
  public ConfigMap mountedConfigMap(PodTemplateSpec pod, String volume) {
    String configMap =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(volume))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume " + volume))
            .getConfigMap()
            .getName();
    return all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(configMap))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + ": no ConfigMap " + configMap));
  }

  /**
   * The Secret and key a container sees at {@code file}: the volume mounted on the file's directory
   * must be a Secret, and the file one of its keys (through {@code items} if it has them).
   */
  public SecretFile mountedSecretFile(PodTemplateSpec pod, Container container, String file) {
    Path path = Path.of(file);
    String directory = path.getParent().toString();
    String volumeName =
        container.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(directory))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        name + " " + container.getName() + ": no mount at " + directory))
            .getName();
    io.fabric8.kubernetes.api.model.SecretVolumeSource secret =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(volumeName))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name + ": no volume " + volumeName))
            .getSecret();
    if (secret == null) {
      throw new AssertionError(name + ": volume " + volumeName + " for " + file + " is no Secret");
    }
    String fileName = path.getFileName().toString();
    String key =
        secret.getItems() == null || secret.getItems().isEmpty()
            ? fileName
            : secret.getItems().stream()
                .filter(i -> i.getPath().equals(fileName))
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError(name + ": " + volumeName + " has no item " + fileName))
                .getKey();
    return new SecretFile(secret.getSecretName(), key);
  }

  /** A key of a Secret, as a container sees it mounted. */
  public record SecretFile(String secretName, String key) {}

  /** A workload and its pod template. */
  public record Workload(String name, HasMetadata object, PodTemplateSpec pod) {
    public Container container() {
      return pod.getSpec().getContainers().get(0);
    }
  }
}
