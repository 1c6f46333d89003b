package io.plantline.contracts.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.ContractViolationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The strict JSON tree reader and writer behind every codec.
 *
 * <p>Duplicate keys, trailing content and deep nesting are rejected while parsing. Non-numeric
 * numbers ({@code NaN}, {@code Infinity}) are let through the parser on purpose, so that {@link
 * JsonFields} can reject them as {@code not finite} naming the field instead of as a syntax error.
 */
final class Json {

  private static final int MAX_NESTING_DEPTH = 16;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a payload that must be one JSON object of at most the codec's size limit. */
  static ObjectNode parseObject(byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new ContractViolationException(ContractViolationException.ROOT, "empty payload");
    }
    checkSize(payload.length);
    JsonNode root;
    try {
      root = MAPPER.readTree(utf8(payload));
    } catch (JsonProcessingException e) {
      throw syntaxViolation(e);
    }
    if (root == null || root.isMissingNode()) {
      throw new ContractViolationException(ContractViolationException.ROOT, "empty payload");
    }
    if (!root.isObject()) {
      throw new ContractViolationException(
          ContractViolationException.ROOT, "expected object, got " + JsonFields.typeOf(root));
    }
    return (ObjectNode) root;
  }

  /** Decodes strictly: malformed UTF-8, and so UTF-16 or UTF-32 JSON, is rejected. */
  private static String utf8(byte[] payload) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ContractViolationException(ContractViolationException.ROOT, "not valid UTF-8", e);
    }
  }

  /** Serialises a tree, enforcing the same size limit as {@link #parseObject}. */
  static byte[] bytes(ObjectNode node) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
    checkSize(bytes.length);
    return bytes;
  }

  private static void checkSize(int length) {
    if (length > EventCodec.MAX_PAYLOAD_BYTES) {
      throw new ContractViolationException(
          ContractViolationException.ROOT,
          "payload of " + length + " bytes exceeds " + EventCodec.MAX_PAYLOAD_BYTES);
    }
  }

  private static ContractViolationException syntaxViolation(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message != null
        && message.startsWith("Duplicate field")
        && e.getProcessor() instanceof JsonParser parser) {
      return new ContractViolationException(pathOf(parser.getParsingContext()), "duplicate key", e);
    }
    if (message != null && message.startsWith("Trailing token")) {
      return new ContractViolationException(
          ContractViolationException.ROOT, "malformed JSON: content after the object", e);
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String first = message == null ? "syntax error" : message.lines().findFirst().orElse(message);
    return new ContractViolationException(
        ContractViolationException.ROOT, "malformed JSON" + where + ": " + first, e);
  }

  /** The path of the parser's position, in the notation of {@link JsonFields}. */
  private static String pathOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.push(c.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      if (path.length() > 0 && !part.startsWith("[")) {
        path.append('.');
      }
      path.append(part);
    }
    return path.length() == 0 ? ContractViolationException.ROOT : path.toString();
  }
}
