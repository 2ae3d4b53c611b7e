// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * One customer's predictions.
 *
 * @param pAlive probability that the customer is still active at the end of the observation
 * @param expectedPurchases expected purchase days over the horizon; NaN when it cannot be computed
 *     (see {@link BgNbdParams#expectedPurchases})
 * @param expectedAvgOrderValue Gamma-Gamma's conditional expected purchase value; null when the
 *     spend model is not fitted or its population mean is infinite
 * @param clv margin × expected purchases × expected value over the CLV months, discounted monthly;
 *     null when {@code expectedAvgOrderValue} is or when the expected purchases cannot be computed
 */
public record ClvScore(
    double pAlive, double expectedPurchases, Double expectedAvgOrderValue, Double clv)
    implements Serializable {}
