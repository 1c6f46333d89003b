package io.plantline.deploy.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses rendered manifests strictly: each built-in object into its fabric8 model class (which
 * would silently keep an unknown field in {@code additionalProperties}; here any such field fails,
 * with its path), each custom resource against its operator's CRD schema.
 */
public final class StrictModels {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

  private static final Map<String, Class<? extends HasMetadata>> BUILT_IN =
      Map.of(
          "apps/v1/Deployment", Deployment.class,
          "apps/v1/StatefulSet", StatefulSet.class,
          "v1/Service", Service.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
          "batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class);

  private final CrdSchemas crds;

  public StrictModels(CrdSchemas crds) {
    this.crds = crds;
  }

  /** The documents of a multi-document YAML stream, as trees. */
  public static List<ObjectNode> documents(String yaml) throws IOException {
    List<ObjectNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add((ObjectNode) doc);
        }
      }
    }
    return docs;
  }

  /** Each built-in object as its typed model; custom resources are checked and left out. */
  public List<HasMetadata> parse(List<ObjectNode> docs) {
    List<HasMetadata> objects = new ArrayList<>();
    for (ObjectNode doc : docs) {
      String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
      String name = type + " " + doc.path("metadata").path("name").asText();
      Class<? extends HasMetadata> model = BUILT_IN.get(type);
      if (model != null) {
        HasMetadata object;
        try {
          object = YAML.treeToValue(doc, model);
        } catch (IOException e) {
          throw new AssertionError(name + ": does not parse as " + model.getSimpleName(), e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(object, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
          throw new AssertionError(name + ": unknown fields " + unknown);
        }
        objects.add(object);
      } else if (crds.knows(type)) {
        List<String> errors = crds.validate(type, doc);
        if (!errors.isEmpty()) {
          throw new AssertionError(name + ": not valid against its CRD: " + errors);
        }
      } else {
        throw new AssertionError(name + ": no model or CRD schema to check it against");
      }
    }
    return objects;
  }

  /** Every non-empty {@code additionalProperties} in a fabric8 object graph, by path. */
  static void collectUnknownFields(
      Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
    if (value == null || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      String field = decapitalize(getter.getName().substring(3));
      if (field.equals("additionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
      } else {
        collectUnknownFields(child, path + "." + field, unknown, seen);
      }
    }
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
