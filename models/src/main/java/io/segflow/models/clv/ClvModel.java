// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fitted customer-value models and the time unit they count in: what model.json keeps, and what
 * scoring at a later as-of date reuses without refitting.
 */
public record ClvModel(ClvTimeUnit unit, BgNbdFit bgNbd, GammaGammaFit gammaGamma)
    implements Serializable {

  /**
   * The model.json object: {@code time_unit}, {@code bg_nbd} {r, alpha, a, b, log_likelihood,
   * converged, status, customers, distinct_terms, evaluations, note} and {@code gamma_gamma} {p, q,
   * v, population_mean, log_likelihood, converged, status, customers, excluded_non_positive_spend,
   * evaluations, note}. Absent parameters and non-finite numbers are null.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> bg = new LinkedHashMap<>();
    BgNbdParams p = bgNbd.params();
    bg.put("r", p == null ? null : p.r());
    bg.put("alpha", p == null ? null : p.alpha());
    bg.put("a", p == null ? null : p.a());
    bg.put("b", p == null ? null : p.b());
    bg.put("log_likelihood", finiteOrNull(bgNbd.logLikelihood()));
    bg.put("converged", bgNbd.converged());
    bg.put("status", bgNbd.status().name());
    bg.put("customers", bgNbd.customers());
    bg.put("distinct_terms", bgNbd.distinctTerms());
    bg.put("evaluations", bgNbd.evaluations());
    bg.put("note", bgNbd.note());

    Map<String, Object> gg = new LinkedHashMap<>();
    GammaGammaParams g = gammaGamma.params();
    gg.put("p", g == null ? null : g.p());
    gg.put("q", g == null ? null : g.q());
    gg.put("v", g == null ? null : g.v());
    gg.put("population_mean", g == null ? null : finiteOrNull(g.populationMean()));
    gg.put("log_likelihood", finiteOrNull(gammaGamma.logLikelihood()));
    gg.put("converged", gammaGamma.converged());
    gg.put("status", gammaGamma.status().name());
    gg.put("customers", gammaGamma.customers());
    gg.put("excluded_non_positive_spend", gammaGamma.excludedNonPositiveSpend());
    gg.put("evaluations", gammaGamma.evaluations());
    gg.put("note", gammaGamma.note());

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("time_unit", unit.key());
    out.put("bg_nbd", bg);
    out.put("gamma_gamma", gg);
    return out;
  }

  static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
