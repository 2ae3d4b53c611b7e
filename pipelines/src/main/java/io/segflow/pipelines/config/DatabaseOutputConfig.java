// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code output.database}: after publishing, customers and segment profiles are loaded into
 * PostgreSQL tables {@code <schema>.<table_prefix>customers} and {@code ...segments}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public final class DatabaseOutputConfig extends ConnectionConfig {
  public String schema = "public";
  public String tablePrefix = "segflow_";
}
