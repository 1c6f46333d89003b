package io.plantline.registermap;

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
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML text into a Jackson tree: one document, no duplicate keys, no aliases. Syntax errors
 * name the key path the parser had reached; the caller says which exception carries them (register
 * maps: {@link RegisterMapException}; the edge gateway's configuration reads its file here too).
 */
public final class YamlTree {

  /** Builds the caller's exception for a syntax problem found at a key path. */
  @FunctionalInterface
  public interface SyntaxProblem {
    RuntimeException at(String keyPath, String problem, Throwable cause);
  }

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private YamlTree() {}

  /** The root node, or null for an empty document; problems as {@link RegisterMapException}s. */
  static JsonNode read(String yaml, String source) {
    return read(
        yaml, (path, problem, cause) -> new RegisterMapException(source, path, problem, cause));
  }

  /** The root node, or null for an empty document; problems built by {@code syntaxProblem}. */
  public static JsonNode read(String yaml, SyntaxProblem syntaxProblem) {
    try {
      rejectAliases(yaml, syntaxProblem);
      try (JsonParser parser = FACTORY.createParser(yaml)) {
        JsonNode root = MAPPER.readTree(parser);
        if (parser.nextToken() != null) {
          throw syntaxProblem.at("$", "the file holds more than one YAML document", null);
        }
        return root;
      }
    } catch (JsonProcessingException e) {
      throw syntaxProblem.at(keyPath(e), describe(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading YAML from a string failed", e);
    }
  }

  /** Jackson reads an alias as the anchor's name, silently; a map must spell values out. */
  private static void rejectAliases(String yaml, SyntaxProblem syntaxProblem) throws IOException {
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          throw syntaxProblem.at(
              keyPath(parser.getParsingContext()),
              "YAML aliases such as *" + parser.getText() + " are not supported; write the value",
              null);
        }
      }
    }
  }

  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      return "malformed YAML at line "
          + (yaml.getProblemMark().getLine() + 1)
          + ", column "
          + (yaml.getProblemMark().getColumn() + 1)
          + ": "
          + yaml.getProblem();
    }
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return "duplicate key";
    }
    return "malformed YAML at line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ": "
        + message;
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
