// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads a YAML run config strictly: unknown keys and ill-typed values are errors that name the key.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));

  /**
   * Jackson would quietly turn 2.7 into 2, 0 into false and "100" into 100; a config that says
   * something else than it means is an error here. Whole numbers may still fill text fields (k: 3
   * as well as k: auto).
   */
  // ALLOW_COERCION_OF_SCALARS is deprecated for the coercion configs below; it stays as the one
  // switch that also covers the scalar types they do not list.
  @SuppressWarnings("deprecation")
  private static ObjectMapper strict(ObjectMapper m) {
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    m.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
    return m;
  }

  private ConfigLoader() {}

  public static SegflowConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  public static SegflowConfig parse(String yaml, String source) {
    if (yaml.isBlank()) {
      return new SegflowConfig();
    }
    try {
      SegflowConfig config = YAML.readValue(yaml, SegflowConfig.class);
      return config == null ? new SegflowConfig() : config;
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "));
      throw new ConfigException(
          "unknown key '"
              + path(e)
              + "' in "
              + source
              + (known.isEmpty() ? "" : "; keys allowed there: " + known));
    } catch (JsonMappingException e) {
      throw new ConfigException(
          "bad value for '" + path(e) + "' in " + source + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "config " + source + " is not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** The effective config as YAML-compatible JSON tree, for the manifest. */
  public static com.fasterxml.jackson.databind.JsonNode toTree(SegflowConfig config) {
    return new ObjectMapper().valueToTree(config);
  }
}
