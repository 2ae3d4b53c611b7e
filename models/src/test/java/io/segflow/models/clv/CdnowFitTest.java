// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.Test;

/**
 * The fits on CDNOW reproduce the published parameters (Fader, Hardie &amp; Lee 2005: r = 0.242593,
 * α = 4.413532, a = 0.792886, b = 2.425752, LL = −9582.43; Fader &amp; Hardie 2013: p = 6.25, q =
 * 3.74, v = 15.44 on the 946 repeat buyers), from the published summary and from the raw rows.
 */
public class CdnowFitTest {
  static final LocalDate AS_OF = LocalDate.of(1997, 10, 1);
  static final double WITHIN = 0.005;

  @Test
  public void bgNbdFromThePublishedSummaryMatchesThePaper() {
    BgNbdTerms terms = new BgNbdTerms();
    Cdnow.publishedFrequencySummary().forEach(p -> terms.add(Cdnow.inDays(p)));
    BgNbdFit fit = ClvFitter.create(ClvTimeUnit.WEEK).fitBgNbd(terms);
    assertPublishedBgNbd(fit);
  }

  @Test
  public void gammaGammaFromThePublishedSummaryMatchesThePaper() {
    GammaGammaTerms terms = new GammaGammaTerms();
    Cdnow.publishedSummary().forEach(p -> terms.add(Cdnow.inDays(p)));
    assertPublishedGammaGamma(ClvFitter.create(ClvTimeUnit.WEEK).fitGammaGamma(terms));
  }

  @Test
  public void inputsFromTheRawSampleEqualThePublishedSummary() {
    Map<Integer, PurchaseHistory> histories = Cdnow.sampleHistories();
    List<Cdnow.Published> published = Cdnow.publishedSummary();
    assertThat(histories.size(), is(published.size()));
    for (Cdnow.Published p : published) {
      CustomerSummary s = histories.get(p.id()).summaryBefore(AS_OF).orElseThrow();
      String who = "customer " + p.id();
      assertThat(who + " x", s.frequency(), is(p.x()));
      assertThat(who + " t_x", s.recency(ClvTimeUnit.WEEK), closeTo(p.recency(), 0.00501));
      assertThat(who + " T", s.age(ClvTimeUnit.WEEK), closeTo(p.age(), 0.00501));
      assertThat(who + " zbar", s.meanRepeatSpend(), closeTo(p.meanSpend(), 0.00501));
    }
  }

  /** What a row-by-row aggregation keeps per customer. */
  static final class Aggregate {
    LocalDate first;
    LocalDate last;
    final TreeSet<LocalDate> days = new TreeSet<>();
    double firstDaySpend;
    double totalSpend;

    void add(LocalDate day, double amount) {
      if (first == null || day.isBefore(first)) {
        first = day;
        firstDaySpend = 0;
      }
      if (day.equals(first)) {
        firstDaySpend += amount;
      }
      if (last == null || day.isAfter(last)) {
        last = day;
      }
      days.add(day);
      totalSpend += amount;
    }
  }

  @Test
  public void aggregatesGiveTheSameSummaryAsTheHistory() {
    Map<Integer, Aggregate> aggregates = new TreeMap<>();
    for (String[] r : Cdnow.rows(Cdnow.require("cdnow_sample.csv.gz"))) {
      LocalDate day = LocalDate.parse(r[2], DateTimeFormatter.BASIC_ISO_DATE);
      if (day.isBefore(AS_OF)) {
        aggregates
            .computeIfAbsent(Integer.parseInt(r[1]), k -> new Aggregate())
            .add(day, Double.parseDouble(r[4]));
      }
    }
    Map<Integer, PurchaseHistory> histories = Cdnow.sampleHistories();
    assertThat(aggregates.size(), is(2357));
    for (Map.Entry<Integer, Aggregate> e : aggregates.entrySet()) {
      Aggregate a = e.getValue();
      CustomerSummary fromAggregates =
          CustomerSummary.fromAggregates(
              a.first, a.last, a.days.size(), a.firstDaySpend, a.totalSpend, AS_OF);
      CustomerSummary fromHistory = histories.get(e.getKey()).summaryBefore(AS_OF).orElseThrow();
      String who = "customer " + e.getKey();
      assertThat(who, fromAggregates.frequency(), is(fromHistory.frequency()));
      assertThat(who, fromAggregates.recencyDays(), is(fromHistory.recencyDays()));
      assertThat(who, fromAggregates.ageDays(), is(fromHistory.ageDays()));
      assertThat(who, fromAggregates.repeatSpend(), closeTo(fromHistory.repeatSpend(), 1e-9));
    }
  }

  @Test
  public void fitsFromTheRawSampleMatchThePaper() {
    ClvTerms terms = new ClvTerms();
    Cdnow.sampleHistories().values().forEach(h -> terms.add(h.summaryBefore(AS_OF).orElseThrow()));
    ClvModel model = ClvFitter.create(ClvTimeUnit.WEEK).fit(terms);
    assertPublishedBgNbd(model.bgNbd());
    assertPublishedGammaGamma(model.gammaGamma());
  }

  @Test
  public void aFitInDaysIsTheSameModelAsInWeeks() {
    BgNbdTerms terms = new BgNbdTerms();
    Cdnow.publishedFrequencySummary().forEach(p -> terms.add(Cdnow.inDays(p)));
    BgNbdParams weeks = ClvFitter.create(ClvTimeUnit.WEEK).fitBgNbd(terms).params();
    BgNbdFit days = ClvFitter.create(ClvTimeUnit.DAY).fitBgNbd(terms);
    assertThat(days.note(), days.status(), is(FitStatus.CONVERGED));
    BgNbdParams d = days.params();
    assertThat("r", d.r(), closeTo(weeks.r(), weeks.r() * 1e-5));
    assertThat("alpha", d.alpha(), closeTo(7 * weeks.alpha(), 7 * weeks.alpha() * 1e-5));
    assertThat("a", d.a(), closeTo(weeks.a(), weeks.a() * 1e-5));
    assertThat("b", d.b(), closeTo(weeks.b(), weeks.b() * 1e-5));
  }

  static void assertPublishedBgNbd(BgNbdFit fit) {
    assertThat(fit.note(), fit.status(), is(FitStatus.CONVERGED));
    assertThat(fit.customers(), is(2357L));
    BgNbdParams p = fit.params();
    assertThat("r", p.r(), closeTo(0.242593, 0.242593 * WITHIN));
    assertThat("alpha", p.alpha(), closeTo(4.413532, 4.413532 * WITHIN));
    assertThat("a", p.a(), closeTo(0.792886, 0.792886 * WITHIN));
    assertThat("b", p.b(), closeTo(2.425752, 2.425752 * WITHIN));
    assertThat("log-likelihood", fit.logLikelihood(), closeTo(-9582.43, 0.01));
  }

  static void assertPublishedGammaGamma(GammaGammaFit fit) {
    assertThat(fit.note(), fit.status(), is(FitStatus.CONVERGED));
    assertThat(fit.customers(), is(946L));
    GammaGammaParams g = fit.params();
    assertThat("p", g.p(), closeTo(6.25, 6.25 * WITHIN));
    assertThat("q", g.q(), closeTo(3.74, 3.74 * WITHIN));
    assertThat("v", g.v(), closeTo(15.44, 15.44 * WITHIN));
  }
}
