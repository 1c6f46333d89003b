package io.plantline.gateway.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses the configuration text into a Jackson tree: exactly one non-empty YAML document, no
 * duplicate keys, no aliases (Jackson would silently read an alias as the anchor's name). Syntax
 * errors name the key path the parser had reached.
 */
final class ConfigYaml {

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private ConfigYaml() {}

  /** The root node of the document. */
  static JsonNode read(String yaml, String source) {
    try {
      rejectAliases(yaml, source);
      try (JsonParser parser = FACTORY.createParser(yaml)) {
        JsonNode root = MAPPER.readTree(parser);
        if (root == null || root.isMissingNode() || root.isNull()) {
          throw new ConfigException(source, "$", "the file is empty");
        }
        if (parser.nextToken() != null) {
          throw new ConfigException(source, "$", "the file holds more than one YAML document");
        }
        return root;
      }
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, keyPath(e), describe(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading YAML from a string failed", e);
    }
  }

  private static void rejectAliases(String yaml, String source) throws IOException {
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          throw new ConfigException(
              source,
              keyPath(parser.getParsingContext()),
              "YAML aliases such as *" + parser.getText() + " are not supported; write the value");
        }
      }
    }
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return "duplicate key";
    }
    String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
    return "malformed YAML at line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ": "
        + firstLine;
  }

  private static String keyPath(JsonProcessingException e) {
    return e.getProcessor() instanceof JsonParser parser
        ? keyPath(parser.getParsingContext())
        : "$";
  }

  private static String keyPath(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? "$" : path.replaceFirst("^\\.", "");
  }
}
