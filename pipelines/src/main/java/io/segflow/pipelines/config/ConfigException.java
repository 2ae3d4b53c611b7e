// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

/** A bad configuration value or flag; the message names the key and what would be valid. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
