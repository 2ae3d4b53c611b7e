// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;
import java.util.HashMap;

/**
 * Scores customers with fitted parameters: P(alive), expected purchases over a horizon, the
 * Gamma-Gamma expected order value and the discounted customer lifetime value. The CLV is
 * lifetimes' {@code customer_lifetime_value}: for months m = 1..M, margin × E[value] × (E[Y(m·f)] −
 * E[Y((m−1)·f)]) / (1 + discount rate)^m, with f the unit's periods per month (30 days, 4.345
 * weeks). M is the horizon in whole months, round(horizon days × 12 / 365): 12 for the default 365
 * days, lifetimes' default.
 */
public final class ClvScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_HORIZON_DAYS = 365;
  public static final double DEFAULT_DISCOUNT_RATE = 0.01;
  public static final double DEFAULT_MARGIN = 1.0;

  private final ClvTimeUnit unit;
  private final BgNbdParams purchases;
  private final GammaGammaParams spend;
  private final int horizonDays;
  private final double discountRate;
  private final double margin;

  private ClvScorer(
      ClvTimeUnit unit,
      BgNbdParams purchases,
      GammaGammaParams spend,
      int horizonDays,
      double discountRate,
      double margin) {
    this.unit = unit;
    this.purchases = purchases;
    this.spend = spend;
    this.horizonDays = horizonDays;
    this.discountRate = discountRate;
    this.margin = margin;
  }

  /**
   * A scorer with the default horizon, discount rate and margin.
   *
   * @param purchases the BG/NBD parameters (required)
   * @param spend the Gamma-Gamma parameters, or null when that model is not fitted
   */
  public static ClvScorer of(ClvTimeUnit unit, BgNbdParams purchases, GammaGammaParams spend) {
    if (purchases == null) {
      throw new IllegalArgumentException("scoring needs fitted BG/NBD parameters");
    }
    return new ClvScorer(
        unit, purchases, spend, DEFAULT_HORIZON_DAYS, DEFAULT_DISCOUNT_RATE, DEFAULT_MARGIN);
  }

  /** Scores with a fitted model's parameters. */
  public static ClvScorer of(ClvModel model) {
    return of(model.unit(), model.bgNbd().params(), model.gammaGamma().params());
  }

  public ClvScorer withHorizonDays(int horizonDays) {
    if (horizonDays < 1) {
      throw new IllegalArgumentException("horizon must be >= 1 day: " + horizonDays);
    }
    return new ClvScorer(unit, purchases, spend, horizonDays, discountRate, margin);
  }

  /** The monthly discount rate. */
  public ClvScorer withDiscountRate(double discountRate) {
    if (!(discountRate >= 0) || !Double.isFinite(discountRate)) {
      throw new IllegalArgumentException("discount rate must be finite and >= 0: " + discountRate);
    }
    return new ClvScorer(unit, purchases, spend, horizonDays, discountRate, margin);
  }

  /** The share of an order's value that is profit. */
  public ClvScorer withMargin(double margin) {
    if (!Double.isFinite(margin)) {
      throw new IllegalArgumentException("margin must be finite: " + margin);
    }
    return new ClvScorer(unit, purchases, spend, horizonDays, discountRate, margin);
  }

  /** Whole months the CLV sums over. */
  public int clvMonths() {
    return clvMonths(horizonDays);
  }

  /** Whole months the CLV sums over for a horizon of {@code horizonDays} (12 for 365). */
  public static int clvMonths(int horizonDays) {
    return Math.max(1, (int) Math.round(horizonDays * 12.0 / 365));
  }

  public ClvScore score(CustomerSummary customer) {
    return score(customer, outlook(customer));
  }

  /**
   * What the purchase model predicts for one (frequency, recency, age): the part of a score that
   * does not depend on spend. Customers who share the triple share it, so {@link Memo} computes it
   * once per triple.
   */
  static final class Outlook {
    final double pAlive;
    final double expectedPurchases;
    final double[] monthlyPurchases; // null without a spend model

    Outlook(double pAlive, double expectedPurchases, double[] monthlyPurchases) {
      this.pAlive = pAlive;
      this.expectedPurchases = expectedPurchases;
      this.monthlyPurchases = monthlyPurchases;
    }
  }

  Outlook outlook(CustomerSummary customer) {
    int x = customer.frequency();
    double recency = customer.recency(unit);
    double age = customer.age(unit);
    double pAlive = purchases.probabilityAlive(x, recency, age);
    double expected = purchases.expectedPurchases(unit.fromDays(horizonDays), x, recency, age);
    double[] monthly = null;
    if (spend != null) {
      double month = unit.periodsPerMonth();
      monthly = new double[clvMonths()];
      double before = 0;
      for (int m = 1; m <= monthly.length; m++) {
        double upTo = purchases.expectedPurchases(m * month, x, recency, age);
        monthly[m - 1] = upTo - before;
        before = upTo;
      }
    }
    return new Outlook(pAlive, expected, monthly);
  }

  ClvScore score(CustomerSummary customer, Outlook outlook) {
    Double value = null;
    Double clv = null;
    if (spend != null) {
      double v = spend.expectedAverageValue(customer.frequency(), customer.meanRepeatSpend());
      if (Double.isFinite(v)) {
        value = v;
        double lifetime = lifetimeValue(margin * v, outlook.monthlyPurchases);
        clv = Double.isFinite(lifetime) ? lifetime : null;
      }
    }
    return new ClvScore(outlook.pAlive, outlook.expectedPurchases, value, clv);
  }

  private double lifetimeValue(double valuePerPurchase, double[] monthlyPurchases) {
    double total = 0;
    for (int m = 1; m <= monthlyPurchases.length; m++) {
      total += valuePerPurchase * monthlyPurchases[m - 1] / Math.pow(1 + discountRate, m);
    }
    return total;
  }

  /**
   * Scores like its scorer, computing the purchase model once per distinct (frequency, recency,
   * age): millions of customers share a few hundred thousand triples, and the purchase model (a
   * hypergeometric series per CLV month) is most of a score's cost. The same bits as {@link
   * #score(CustomerSummary)}. Not thread-safe: one per worker thread.
   */
  public static final class Memo {
    private static final int MAX_ENTRIES = 1 << 18;
    private static final int FIELD_BITS = 21;

    private final ClvScorer scorer;
    private final HashMap<Long, Outlook> outlooks = new HashMap<>();

    public Memo(ClvScorer scorer) {
      this.scorer = scorer;
    }

    public ClvScore score(CustomerSummary customer) {
      int limit = 1 << FIELD_BITS;
      if (customer.frequency() >= limit || customer.ageDays() >= limit) {
        return scorer.score(customer);
      }
      long key =
          ((long) customer.frequency() << (2 * FIELD_BITS))
              | ((long) customer.recencyDays() << FIELD_BITS)
              | customer.ageDays();
      Outlook outlook = outlooks.get(key);
      if (outlook == null) {
        if (outlooks.size() >= MAX_ENTRIES) {
          outlooks.clear(); // bounded memory; the values are a pure function of the key
        }
        outlook = scorer.outlook(customer);
        outlooks.put(key, outlook);
      }
      return scorer.score(customer, outlook);
    }
  }
}
