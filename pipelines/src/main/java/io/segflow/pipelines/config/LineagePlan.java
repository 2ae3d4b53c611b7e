// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

/**
 * The {@code lineage} section: where OpenLineage run events go.
 *
 * @param file a file the events are appended to, or null
 * @param url an OpenLineage HTTP endpoint's base URL, or null
 * @param jobName the job's name, or null for one made from the output folder
 */
public record LineagePlan(
    String file, String url, String endpoint, int timeoutMillis, String namespace, String jobName) {

  public static LineagePlan of(SegflowConfig.Lineage l) {
    return new LineagePlan(
        l.file == null || l.file.isBlank() ? null : l.file,
        l.url == null || l.url.isBlank() ? null : l.url,
        l.endpoint,
        l.timeoutMillis,
        l.namespace,
        l.jobName);
  }
}
