// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.model;

import io.segflow.models.clv.BgNbdFit;
import io.segflow.models.clv.BgNbdParams;
import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.ClvTimeUnit;
import io.segflow.models.clv.FitStatus;
import io.segflow.models.clv.GammaGammaFit;
import io.segflow.models.clv.GammaGammaParams;
import io.segflow.schemas.ModelBgNbd;
import io.segflow.schemas.ModelClv;
import io.segflow.schemas.ModelGammaGamma;

/** A fitted {@link ClvModel} as model.avro keeps it ({@link ModelClv}), and back. */
public final class ClvArtifact {
  private ClvArtifact() {}

  public static ModelClv toRecord(ClvModel m) {
    BgNbdFit bg = m.bgNbd();
    BgNbdParams bp = bg.params();
    GammaGammaFit gg = m.gammaGamma();
    GammaGammaParams gp = gg.params();
    return new ModelClv(
        m.unit().key(),
        new ModelBgNbd(
            bp == null ? null : bp.r(),
            bp == null ? null : bp.alpha(),
            bp == null ? null : bp.a(),
            bp == null ? null : bp.b(),
            finiteOrNull(bg.logLikelihood()),
            bg.status().name(),
            bg.customers(),
            bg.distinctTerms(),
            bg.evaluations(),
            bg.note()),
        new ModelGammaGamma(
            gp == null ? null : gp.p(),
            gp == null ? null : gp.q(),
            gp == null ? null : gp.v(),
            finiteOrNull(gg.logLikelihood()),
            gg.status().name(),
            gg.customers(),
            gg.excludedNonPositiveSpend(),
            gg.evaluations(),
            gg.note()));
  }

  /** The saved model, or null when {@code record} is null (a model saved without CLV). */
  public static ClvModel fromRecord(ModelClv record) {
    if (record == null) {
      return null;
    }
    ModelBgNbd bg = record.getBgNbd();
    ModelGammaGamma gg = record.getGammaGamma();
    BgNbdParams bp =
        bg.getR() == null ? null : new BgNbdParams(bg.getR(), bg.getAlpha(), bg.getA(), bg.getB());
    GammaGammaParams gp =
        gg.getP() == null ? null : new GammaGammaParams(gg.getP(), gg.getQ(), gg.getV());
    return new ClvModel(
        ClvTimeUnit.parse(record.getTimeUnit()),
        new BgNbdFit(
            bp,
            nanIfNull(bg.getLogLikelihood()),
            FitStatus.valueOf(bg.getStatus()),
            bg.getCustomers(),
            bg.getDistinctTerms(),
            bg.getEvaluations(),
            bg.getNote()),
        new GammaGammaFit(
            gp,
            nanIfNull(gg.getLogLikelihood()),
            FitStatus.valueOf(gg.getStatus()),
            gg.getCustomers(),
            gg.getExcludedNonPositiveSpend(),
            gg.getEvaluations(),
            gg.getNote()));
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static double nanIfNull(Double v) {
    return v == null ? Double.NaN : v;
  }
}
