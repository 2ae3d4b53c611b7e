// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything Segflow prints or writes: values of keys that look like
 * credentials (password, secret, token, key, credential) and the user-info part of URLs ({@code
 * scheme://user:password@host}) are replaced by "***".
 */
public final class Secrets {
  public static final String MASK = "***";
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(pass(word|wd)?|secret|token|credential|api[-_]?key|private[-_]?key).*");

  /**
   * password_env, password_file: where a secret is kept, not the secret (load-db reads them back).
   */
  private static final Pattern NAMES_A_SECRET = Pattern.compile("(?i).*[-_](env|file)");

  private static final Pattern URL_USER_INFO =
      Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");
  private static final Pattern INLINE_SECRET =
      Pattern.compile("(?i)\\b(pass(word|wd)?|secret|token|api[-_]?key)=([^&;/\\s]+)");

  private Secrets() {}

  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).matches() && !NAMES_A_SECRET.matcher(key).matches();
  }

  /** A text with URL credentials and key=value secrets masked. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String s = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    return INLINE_SECRET.matcher(s).replaceAll("$1=" + MASK);
  }

  /** A copy of a JSON tree with secret-looking keys' values and URL credentials masked. */
  public static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = node.get(name);
        copy.set(
            name,
            isSecretKey(name.toLowerCase(Locale.ROOT)) && !value.isNull()
                ? TextNode.valueOf(MASK)
                : redact(value));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      node.forEach(v -> copy.add(redact(v)));
      return copy;
    }
    if (node != null && node.isTextual()) {
      return TextNode.valueOf(redact(node.asText()));
    }
    return node;
  }
}
