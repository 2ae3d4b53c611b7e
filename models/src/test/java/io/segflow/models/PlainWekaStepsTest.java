// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.util.Random;
import org.junit.Test;
import weka.clusterers.SimpleKMeans;
import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.Utils;

/** The direct loops that stand in for Weka's general ones give Weka's own doubles. */
public class PlainWekaStepsTest {
  private static double[][] customers() {
    TestData.Csv csv = TestData.fixture("rfm_sample600_scaled.csv");
    return csv.columns(csv.namesStartingWith("std_"));
  }

  private static EuclideanDistance wekaEuclidean(Instances data) {
    EuclideanDistance d = new EuclideanDistance();
    d.setDontNormalize(true);
    d.setInstances(data);
    return d;
  }

  @Test
  public void euclideanEqualsWekasWithAndWithoutCutOffAndWithMissingValues() {
    double[][] x = customers();
    Instances data = WekaData.instances(x);
    EuclideanDistance weka = wekaEuclidean(data);
    EuclideanDistance plain = WekaData.unnormalisedEuclidean();
    plain.setInstances(data);
    Instance withMissing =
        new DenseInstance(1.0, new double[] {0.1, Utils.missingValue(), 2, 0, 1});
    withMissing.setDataset(data);
    Random random = new Random(3);
    for (int t = 0; t < 2000; t++) {
      Instance a = t % 97 == 0 ? withMissing : data.instance(random.nextInt(x.length));
      for (int centroid = 0; centroid < 5; centroid++) { // one row against several, as k-means does
        Instance b = t % 100 == 0 ? withMissing : data.instance(random.nextInt(x.length));
        double cutOff = random.nextBoolean() ? Double.POSITIVE_INFINITY : random.nextDouble() * 10;
        assertThat(bits(plain.distance(a, b, cutOff)), is(bits(weka.distance(a, b, cutOff))));
        assertThat(bits(plain.distance(a, b)), is(bits(weka.distance(a, b))));
      }
    }
  }

  @Test
  public void kMeansWithTheDirectStepsEqualsWekasOwn() throws Exception {
    Instances data = WekaData.instances(customers());
    for (int k = 2; k <= 11; k += 3) {
      for (int seed = 1; seed <= 3; seed++) {
        SimpleKMeans weka = configure(new SimpleKMeans(), k, seed, new EuclideanDistance());
        PlainKMeans plain = new PlainKMeans();
        configure(plain, k, seed, WekaData.unnormalisedEuclidean());
        plain.setDontReplaceMissingValues(true); // as KMeansTrainer fits: rows stay WekaData.Rows
        weka.buildClusterer(data);
        plain.buildClusterer(data);
        // every iteration took the direct assignment and centroid steps
        assertThat(plain.iterations(), greaterThan(1));
        assertThat(plain.directIterations(), is(plain.iterations()));
        assertThat(plain.getAssignments(), is(weka.getAssignments()));
        assertThat(plain.getNumClusters(), is(weka.getNumClusters()));
        for (int c = 0; c < weka.getNumClusters(); c++) {
          double[] expected = weka.getClusterCentroids().instance(c).toDoubleArray();
          double[] actual = plain.getClusterCentroids().instance(c).toDoubleArray();
          for (int f = 0; f < expected.length; f++) {
            assertThat(bits(actual[f]), is(bits(expected[f])));
          }
        }
      }
    }
  }

  private static SimpleKMeans configure(
      SimpleKMeans km, int k, int seed, EuclideanDistance distance) throws Exception {
    distance.setDontNormalize(true);
    km.setNumClusters(k);
    km.setSeed(seed);
    km.setInitializationMethod(
        new SelectedTag(SimpleKMeans.KMEANS_PLUS_PLUS, SimpleKMeans.TAGS_SELECTION));
    km.setDistanceFunction(distance);
    km.setPreserveInstancesOrder(true);
    km.setFastDistanceCalc(true);
    return km;
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }
}
