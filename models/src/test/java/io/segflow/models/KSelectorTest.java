// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class KSelectorTest {
  /** WCSS with a sharp elbow at k=4 over k = 2..8. */
  private static final double[] WCSS = {100, 60, 20, 17, 14, 11, 8};

  private static List<KScanRow> table(double[] silhouette, double[] daviesBouldin) {
    KScanRow[] rows = new KScanRow[WCSS.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new KScanRow(i + 2, i + 2, WCSS[i], silhouette[i], 100 - i, daviesBouldin[i]);
    }
    return List.of(rows);
  }

  @Test
  public void picksTheBestSilhouetteNearTheElbowNotTheGlobalBest() {
    // k=2 has the highest silhouette overall but is far from the elbow at k=4
    KChoice c =
        KSelector.choose(
            table(
                new double[] {0.60, 0.30, 0.45, 0.40, 0.35, 0.30, 0.30},
                new double[] {1, 1, 1, 1, 1, 1, 1}));
    assertThat(c.k(), is(4));
    assertThat(c.reason(), containsString("elbow (Kneedle) of WCSS at k=4; candidates k=3,4,5"));
    assertThat(c.reason(), containsString("highest silhouette at k=4"));
  }

  @Test
  public void nearTiesInSilhouetteAreBrokenByDaviesBouldin() {
    KChoice c =
        KSelector.choose(
            table(
                new double[] {0.2, 0.400, 0.405, 0.398, 0.1, 0.1, 0.1},
                new double[] {1, 1.2, 1.1, 0.9, 1, 1, 1}));
    assertThat(c.k(), is(5));
    assertThat(c.reason(), containsString("lowest Davies-Bouldin among them at k=5"));
  }

  @Test
  public void fullTiesGoToFewerClusters() {
    KChoice c =
        KSelector.choose(
            table(
                new double[] {0.2, 0.4, 0.4, 0.4, 0.1, 0.1, 0.1},
                new double[] {1, 1, 1, 1, 1, 1, 1}));
    // equal silhouette and DB; CH falls with k in this table, so CH already prefers k=3
    assertThat(c.k(), is(3));
  }

  @Test
  public void rowsWithDroppedClustersAreNotCandidates() {
    List<KScanRow> rows =
        List.of(
            new KScanRow(2, 2, 100, 0.3, 10, 1),
            new KScanRow(3, 3, 40, 0.35, 10, 1),
            new KScanRow(4, 3, 39, 0.9, 10, 0.1),
            new KScanRow(5, 5, 30, 0.2, 10, 1));
    assertThat(KSelector.choose(rows).row().requestedK(), is(3));
  }

  @Test
  public void aSingleRowIsAFixedK() {
    KChoice c = KSelector.choose(List.of(new KScanRow(3, 3, 10, 0.27, 2600, 1.19)));
    assertThat(c.k(), is(3));
    assertThat(c.reason(), containsString("fixed k=3"));
  }

  @Test
  public void emptyTableIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> KSelector.choose(List.of()));
  }
}
