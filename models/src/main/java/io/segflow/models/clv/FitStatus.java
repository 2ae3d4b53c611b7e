// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

/** How a maximum-likelihood fit ended; anything but {@link #CONVERGED} comes with a note. */
public enum FitStatus {
  /** The optimizer met its tolerance inside the parameter bounds. */
  CONVERGED,
  /** Parameters exist but are not a trustworthy maximum (evaluation budget, bound reached). */
  NOT_CONVERGED,
  /** The data cannot identify the model (for example no repeat buyers): no parameters. */
  NOT_FITTED
}
