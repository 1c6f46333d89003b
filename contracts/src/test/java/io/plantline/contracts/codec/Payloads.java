package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.golden.GoldenFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds test payloads by editing golden fixtures, as a tree or as text. */
final class Payloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  /** A mutable tree of the fixture. */
  static ObjectNode tree(String fixture) {
    try {
      return (ObjectNode) JSON.readTree(GoldenFixtures.bytes(fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON value parsed leniently, for splicing into a tree. */
  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode parseObject(byte[] json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The fixture's text with one literal occurrence of {@code target} replaced. */
  static byte[] replaceOnce(String fixture, String target, String replacement) {
    String text = GoldenFixtures.text(fixture);
    int at = text.indexOf(target);
    if (at < 0 || text.indexOf(target, at + 1) >= 0) {
      throw new IllegalArgumentException("expected exactly one '" + target + "' in " + fixture);
    }
    return utf8(text.substring(0, at) + replacement + text.substring(at + target.length()));
  }
}
