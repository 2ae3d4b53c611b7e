// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/** One customer's classic RFM scores, each 1..5 (5 = most recent, most orders, most spend). */
public record RfmScore(int r, int f, int m) implements Serializable {
  private static final long serialVersionUID = 1L;

  public RfmScore {
    if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5) {
      throw new IllegalArgumentException("scores must be 1..5: " + r + f + m);
    }
  }

  /** The usual three-digit code, e.g. "545". */
  public String code() {
    return "" + r + f + m;
  }

  /** FM = (F + M) / 2, the combined value score many rule tables use: 1, 1.5, …, 5. */
  public double fm() {
    return (f + m) / 2.0;
  }
}
