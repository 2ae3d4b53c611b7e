// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * One point of a sorted k-distance curve, for plotting in the run report.
 *
 * @param rank 0-based position in the ascending order of all customers' k-distances
 * @param distance the k-distance at that position, scaled space
 */
public record CurvePoint(int rank, double distance) implements Serializable {
  private static final long serialVersionUID = 1L;
}
