package io.plantline.deploy.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The OpenAPI v3 schemas of the operators' CRDs (test resources {@code crds/}, see SOURCES.md), and
 * a structural check of custom resources against them: unknown properties (unless the schema allows
 * them), missing required properties, wrong types and values outside an enum are errors.
 */
public final class CrdSchemas {
  private static final List<String> FILES =
      List.of(
          "strimzi-040-Crd-kafka.yaml.gz",
          "strimzi-043-Crd-kafkatopic.yaml.gz",
          "strimzi-044-Crd-kafkauser.yaml.gz",
          "strimzi-045-Crd-kafkanodepool.yaml.gz",
          "flinkdeployments.flink.apache.org-v1.yml.gz",
          "k8ssandra.io_k8ssandraclusters.yaml.gz",
          "cert-manager.io_certificates.yaml.gz",
          "cert-manager.io_issuers.yaml.gz");

  /** "group/version/Kind" to the schema of that served version. */
  private final Map<String, JsonNode> schemas = new HashMap<>();

  public static CrdSchemas load() {
    CrdSchemas crds = new CrdSchemas();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (String file : FILES) {
      try (InputStream in =
          new GZIPInputStream(CrdSchemas.class.getResourceAsStream("/crds/" + file))) {
        JsonNode crd = yaml.readTree(in);
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
          if (version.path("served").asBoolean()) {
            crds.schemas.put(
                group + "/" + version.path("name").asText() + "/" + kind,
                version.path("schema").path("openAPIV3Schema"));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CRD " + file, e);
      }
    }
    return crds;
  }

  public boolean knows(String apiVersionAndKind) {
    return schemas.containsKey(apiVersionAndKind);
  }

  /** Structural errors of a custom resource, each with its path; empty when it is valid. */
  public List<String> validate(String apiVersionAndKind, JsonNode resource) {
    List<String> errors = new ArrayList<>();
    JsonNode schema = schemas.get(apiVersionAndKind);
    if (schema == null) {
      errors.add("no CRD serves " + apiVersionAndKind);
      return errors;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = resource.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      if (key.equals("apiVersion") || key.equals("kind") || key.equals("metadata")) {
        continue; // checked by the API server itself, not by the CRD schema
      }
      JsonNode property = schema.path("properties").get(key);
      if (property == null) {
        errors.add("." + key + ": unknown property");
      } else {
        check(property, field.getValue(), "." + key, errors);
      }
    }
    return errors;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      if (!value.isInt() && !value.isLong() && !value.isTextual()) {
        errors.add(path + ": must be an integer or a string");
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(schema, value, path, errors);
      case "array" -> {
        if (!value.isArray()) {
          errors.add(path + ": must be a list");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(schema.path("items"), value.get(i), path + "[" + i + "]", errors);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          errors.add(path + ": must be a string, was " + value);
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          errors.add(path + ": must be an integer, was " + value);
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          errors.add(path + ": must be a number, was " + value);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(path + ": must be true or false, was " + value);
        }
      }
      default -> {
        // no type: anything goes (x-kubernetes-preserve-unknown-fields or an open schema)
      }
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray()) {
      boolean found = false;
      for (JsonNode option : allowed) {
        found |= option.equals(value) || option.asText().equals(value.asText());
      }
      if (!found) {
        errors.add(path + ": must be one of " + allowed + ", was " + value);
      }
    }
  }

  private static void checkObject(
      JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isObject()) {
      errors.add(path + ": must be a mapping, was " + value);
      return;
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(path + "." + required.asText() + ": required");
      }
    }
    boolean openEnded = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    JsonNode additional = schema.get("additionalProperties");
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode property = schema.path("properties").get(field.getKey());
      String at = path + "." + field.getKey();
      if (property != null) {
        check(property, field.getValue(), at, errors);
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), at, errors);
      } else if (!openEnded && !(additional != null && additional.asBoolean())) {
        errors.add(at + ": unknown property");
      }
    }
  }
}
