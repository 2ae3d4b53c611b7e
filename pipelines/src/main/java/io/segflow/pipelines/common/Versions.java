// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of Segflow and the libraries it was built with (filled in by Maven). */
public final class Versions {
  private Versions() {}

  public static Map<String, String> all() {
    Properties p = new Properties();
    try (InputStream in =
        Versions.class.getResourceAsStream("/io/segflow/pipelines/versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new IllegalStateException("versions.properties is unreadable", e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : new String[] {"segflow", "beam", "avro", "weka"}) {
      out.put(k, p.getProperty(k, "unknown"));
    }
    out.put("java", System.getProperty("java.version"));
    return out;
  }

  public static String segflow() {
    return all().get("segflow");
  }
}
