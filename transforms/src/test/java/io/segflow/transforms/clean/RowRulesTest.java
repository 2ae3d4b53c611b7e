// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.TransactionBlock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

public class RowRulesTest {
  private static final int GOOD = 0;
  private static final int NO_CUSTOMER = 1;
  private static final int CANCELLED = 2;
  private static final int ZERO_QUANTITY = 3;
  private static final int ZERO_PRICE = 4;
  private static final int POSTAGE = 5;
  private static final int EVERYTHING_WRONG = 6;

  private static final TransactionBlock ROWS =
      Fixtures.rows(
          "/data/online_retail.csv",
          "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
          "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom",
          "C536383,35004C,SET OF 3 COLOURED  FLYING DUCKS,-1,2010-12-01 09:49:00,4.65,15311,United Kingdom",
          "536380,22961,JAM MAKING SET PRINTED,0,2010-12-01 09:41:00,1.45,17809,United Kingdom",
          "536381,22139,RETROSPOT TEA SET CERAMIC 11 PC ,1,2010-12-01 09:41:00,0.0,15311,United Kingdom",
          "536370,POST,POSTAGE,3,2010-12-01 08:45:00,18.0,12583,France",
          "C536379,POST,Discount,-1,2010-12-01 09:41:00,0.0,14527,United Kingdom");

  private static RejectReason[] check(RowRules rules) {
    RejectReason[] reasons = new RejectReason[ROWS.size()];
    for (int i = 0; i < ROWS.size(); i++) {
      reasons[i] = rules.check(ROWS, i);
    }
    return reasons;
  }

  private static LocalDateTime at(String iso) {
    return LocalDateTime.parse(iso);
  }

  @Test
  public void defaultsDropMissingCustomersCancellationsAndNonPositiveQuantitiesAndPrices() {
    assertThat(
        check(RowRules.defaults()),
        is(
            new RejectReason[] {
              null,
              RejectReason.MISSING_CUSTOMER_ID,
              RejectReason.CANCELLATION,
              RejectReason.NON_POSITIVE_QUANTITY,
              RejectReason.NON_POSITIVE_PRICE,
              null,
              RejectReason.CANCELLATION
            }));
  }

  @Test
  public void nettingKeepsReturnsButStillRejectsZeroQuantitiesAndPrices() {
    RowRules net = RowRules.defaults().withReturnsNetted(true);
    assertThat(net.netsReturns(), is(true));
    assertThat(
        check(net),
        is(
            new RejectReason[] {
              null,
              RejectReason.MISSING_CUSTOMER_ID,
              null, // C536383, quantity -1: a return, kept to be netted
              RejectReason.NON_POSITIVE_QUANTITY, // quantity 0 is not a return
              RejectReason.NON_POSITIVE_PRICE,
              null,
              RejectReason.NON_POSITIVE_PRICE // a return priced 0 has no value to net
            }));
    assertThat(ROWS.isReturn(2), is(true));
    assertThat(ROWS.isReturn(3), is(false));
  }

  @Test
  public void aMissingCustomerIsRejectedEvenWithEveryOptionalRuleOff() {
    RowRules off =
        RowRules.defaults()
            .withCancellations(false)
            .withNonPositiveQuantity(false)
            .withNonPositivePrice(false)
            .withNonProductCodes(false, Set.of());
    RejectReason[] reasons = check(off);
    assertThat(reasons[NO_CUSTOMER], is(RejectReason.MISSING_CUSTOMER_ID));
    for (int i :
        new int[] {GOOD, CANCELLED, ZERO_QUANTITY, ZERO_PRICE, POSTAGE, EVERYTHING_WRONG}) {
      assertThat("row " + i, reasons[i], is(nullValue()));
    }
  }

  @Test
  public void rulesApplyInTheirDocumentedOrder() {
    RowRules rules =
        RowRules.defaults()
            .withNonProductCodes(true, Set.copyOf(RowRules.DEFAULT_NON_PRODUCT_CODES))
            .withWindow(at("2011-01-01T00:00"), null)
            .withAsOf(at("2010-01-01T00:00"));
    assertThat(rules.check(ROWS, EVERYTHING_WRONG), is(RejectReason.CANCELLATION));
    rules = rules.withCancellations(false);
    assertThat(rules.check(ROWS, EVERYTHING_WRONG), is(RejectReason.NON_POSITIVE_QUANTITY));
    rules = rules.withNonPositiveQuantity(false);
    assertThat(rules.check(ROWS, EVERYTHING_WRONG), is(RejectReason.NON_POSITIVE_PRICE));
    rules = rules.withNonPositivePrice(false);
    assertThat(rules.check(ROWS, EVERYTHING_WRONG), is(RejectReason.NON_PRODUCT_CODE));
    rules = rules.withNonProductCodes(false, Set.of());
    assertThat(rules.check(ROWS, EVERYTHING_WRONG), is(RejectReason.OUTSIDE_WINDOW));
    rules = rules.withWindow(null, null);
    assertThat(rules.check(ROWS, EVERYTHING_WRONG), is(RejectReason.AFTER_AS_OF));
    rules = rules.withAsOf(null);
    assertThat(rules.check(ROWS, EVERYTHING_WRONG), is(nullValue()));
  }

  @Test
  public void withCancellationsTakesEffect() {
    RejectReason[] off = check(RowRules.defaults().withCancellations(false));
    assertThat(off[CANCELLED], is(RejectReason.NON_POSITIVE_QUANTITY)); // the next rule it breaks
    assertThat(
        check(RowRules.defaults().withCancellations(false).withCancellations(true))[CANCELLED],
        is(RejectReason.CANCELLATION));
  }

  @Test
  public void withNonPositiveQuantityTakesEffect() {
    RejectReason[] off = check(RowRules.defaults().withNonPositiveQuantity(false));
    assertThat(off[ZERO_QUANTITY], is(nullValue()));
    assertThat(off[CANCELLED], is(RejectReason.CANCELLATION));
    assertThat(
        check(RowRules.defaults().withCancellations(false).withNonPositiveQuantity(false))[
            CANCELLED],
        is(nullValue()));
  }

  @Test
  public void withNonPositivePriceTakesEffect() {
    RejectReason[] off = check(RowRules.defaults().withNonPositivePrice(false));
    assertThat(off[ZERO_PRICE], is(nullValue()));
    assertThat(off[NO_CUSTOMER], is(RejectReason.MISSING_CUSTOMER_ID));
  }

  @Test
  public void withNonProductCodesTakesEffectWithTheGivenCodes() {
    assertThat(
        check(
            RowRules.defaults()
                .withNonProductCodes(true, Set.copyOf(RowRules.DEFAULT_NON_PRODUCT_CODES)))[
            POSTAGE],
        is(RejectReason.NON_PRODUCT_CODE));
    RejectReason[] custom = check(RowRules.defaults().withNonProductCodes(true, Set.of("85123A")));
    assertThat(custom[GOOD], is(RejectReason.NON_PRODUCT_CODE));
    assertThat(custom[POSTAGE], is(nullValue()));
    assertThat(
        check(RowRules.defaults().withNonProductCodes(false, Set.of("85123A")))[GOOD],
        is(nullValue()));
  }

  @Test
  public void theWindowIncludesItsStartAndExcludesItsEnd() {
    // Row GOOD is at 2010-12-01T08:26:00.
    assertThat(
        RowRules.defaults()
            .withWindow(at("2010-12-01T08:26"), at("2010-12-01T08:27"))
            .check(ROWS, GOOD),
        is(nullValue()));
    assertThat(
        RowRules.defaults().withWindow(at("2010-12-01T08:26:01"), null).check(ROWS, GOOD),
        is(RejectReason.OUTSIDE_WINDOW));
    assertThat(
        RowRules.defaults().withWindow(null, at("2010-12-01T08:26")).check(ROWS, GOOD),
        is(RejectReason.OUTSIDE_WINDOW));
    assertThat(
        RowRules.defaults().withWindow(null, at("2010-12-01T08:26:01")).check(ROWS, GOOD),
        is(nullValue()));
  }

  @Test
  public void aWindowMustStartBeforeItEnds() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RowRules.defaults().withWindow(at("2011-01-01T00:00"), at("2011-01-01T00:00")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RowRules.defaults().withWindow(at("2011-12-01T00:00"), at("2011-01-01T00:00")));
  }

  @Test
  public void rowsOnOrAfterTheAsOfMomentAreRejected() {
    assertThat(
        RowRules.defaults().withAsOf(at("2010-12-01T08:26")).check(ROWS, GOOD),
        is(RejectReason.AFTER_AS_OF));
    assertThat(
        RowRules.defaults().withAsOf(at("2010-12-01T08:26:01")).check(ROWS, GOOD), is(nullValue()));
  }

  @Test
  public void withMethodsReturnCopiesAndTheirOrderDoesNotMatter() {
    RowRules base = RowRules.defaults();
    base.withCancellations(false);
    base.withWindow(at("2011-01-01T00:00"), null);
    assertThat(check(base), is(check(RowRules.defaults())));
    RowRules one =
        base.withCancellations(false)
            .withWindow(at("2010-12-01T09:00"), null)
            .withNonPositivePrice(false);
    RowRules other =
        base.withNonPositivePrice(false)
            .withWindow(at("2010-12-01T09:00"), null)
            .withCancellations(false);
    assertThat(check(one), is(check(other)));
    assertThat(Arrays.asList(check(one)).contains(RejectReason.OUTSIDE_WINDOW), is(true));
  }

  @Test
  public void explainsEachRejection() {
    RowRules rules = RowRules.defaults();
    assertThat(
        rules.explain(RejectReason.CANCELLATION, ROWS, CANCELLED),
        is("InvoiceNo C536383 is a cancellation"));
    assertThat(
        rules.explain(RejectReason.NON_POSITIVE_QUANTITY, ROWS, ZERO_QUANTITY),
        is("Quantity 0 <= 0"));
    assertThat(
        rules.explain(RejectReason.NON_POSITIVE_PRICE, ROWS, ZERO_PRICE),
        containsString("UnitPrice 0.0"));
    assertThat(
        rules.explain(RejectReason.NON_PRODUCT_CODE, ROWS, POSTAGE),
        is("StockCode POST is not a product"));
    assertThat(
        rules.explain(RejectReason.OUTSIDE_WINDOW, ROWS, GOOD), containsString("2010-12-01T08:26"));
    assertThat(
        rules.explain(RejectReason.AFTER_AS_OF, ROWS, GOOD), containsString("2010-12-01T08:26"));
    assertThat(
        rules.explain(RejectReason.MISSING_CUSTOMER_ID, ROWS, NO_CUSTOMER),
        is(RejectReason.MISSING_CUSTOMER_ID.description()));
  }

  @Test
  public void survivesSerialization() {
    RowRules rules =
        RowRules.defaults()
            .withCancellations(false)
            .withNonProductCodes(true, Set.of("POST"))
            .withWindow(null, at("2010-12-01T09:00"));
    List<RejectReason> before = new ArrayList<>(Arrays.asList(check(rules)));
    assertThat(Arrays.asList(check(SerializableUtils.ensureSerializable(rules))), is(before));
  }

  @Test
  public void nullNonProductCodesAreAnIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class, () -> RowRules.defaults().withNonProductCodes(true, null));
  }
}
