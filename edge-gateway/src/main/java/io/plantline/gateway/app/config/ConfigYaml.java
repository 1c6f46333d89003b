package io.plantline.gateway.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantline.registermap.YamlTree;

/**
 * Parses the configuration text into a Jackson tree with the register maps' strict YAML reader (one
 * document, no duplicate keys, no aliases; syntax errors name the key path the parser had reached),
 * and refuses an empty file.
 */
final class ConfigYaml {

  private ConfigYaml() {}

  /** The root node of the document. */
  static JsonNode read(String yaml, String source) {
    JsonNode root =
        YamlTree.read(
            yaml, (path, problem, cause) -> new ConfigException(source, path, problem, cause));
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(source, "$", "the file is empty");
    }
    return root;
  }
}
