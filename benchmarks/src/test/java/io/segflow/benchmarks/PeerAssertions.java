// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.schemas.CustomerRecord;

/** The checks that a peer computed a customer's features as Segflow did. */
public final class PeerAssertions {
  private PeerAssertions() {}

  /** Every feature equal; money to 1e-9 relative (a peer may sum in another order). */
  public static void assertSameFeatures(PeerCustomer peer, CustomerRecord s) {
    String who = "customer " + peer.customerId();
    assertThat(who + " is in Segflow's output", s != null, is(true));
    assertThat(who, peer.country(), equalTo(s.getCountry()));
    assertThat(who, peer.recencyDays(), is(s.getRecencyDays()));
    assertThat(who, peer.frequency(), is(s.getFrequency()));
    assertThat(who, peer.monetary(), closeTo(s.getMonetary(), 1e-9 * Math.abs(s.getMonetary())));
    assertThat(who, peer.totalQuantity(), is(s.getTotalQuantity()));
    assertThat(
        who,
        peer.avgBasketValue(),
        closeTo(s.getAvgBasketValue(), 1e-9 * Math.abs(s.getAvgBasketValue())));
    assertThat(who, peer.firstPurchase(), equalTo(s.getFirstPurchase()));
    assertThat(who, peer.lastPurchase(), equalTo(s.getLastPurchase()));
    assertThat(who, peer.tenureDays(), is(s.getTenureDays()));
    assertThat(who, peer.distinctProducts(), is(s.getDistinctProducts()));
    assertThat(who, peer.rowsUsed(), is(s.getRowsUsed()));
    assertThat(who, peer.asOfDate(), equalTo(s.getAsOfDate()));
  }
}
