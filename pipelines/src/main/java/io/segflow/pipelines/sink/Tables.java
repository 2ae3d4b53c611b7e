// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.FeatureStat;
import io.segflow.schemas.SegmentRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

/** The two tables of postgres-tables.sql, column for column. */
final class Tables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tables() {}

  static final PartitionTable<CustomerRecord> CUSTOMERS =
      new PartitionTable<>(
          "customers",
          List.of(
              "as_of_date",
              "customer_id",
              "country",
              "recency_days",
              "frequency",
              "monetary",
              "total_quantity",
              "avg_basket_value",
              "first_purchase",
              "last_purchase",
              "tenure_days",
              "distinct_products",
              "rows_used",
              "segment_id",
              "segment_name",
              "rfm_recency_score",
              "rfm_frequency_score",
              "rfm_monetary_score",
              "rfm_score",
              "rfm_segment",
              "previous_segment_id",
              "previous_rfm_segment",
              "segment_changed",
              "rfm_segment_changed",
              "segment_since",
              "rfm_segment_since",
              "gross_monetary",
              "returns_value"),
          List.of("as_of_date", "customer_id"),
          List.of(),
          (st, asOf, c) -> {
            st.setObject(1, asOf);
            st.setString(2, c.getCustomerId());
            st.setString(3, c.getCountry());
            st.setInt(4, c.getRecencyDays());
            st.setInt(5, c.getFrequency());
            st.setDouble(6, c.getMonetary());
            setLong(st, 7, c.getTotalQuantity());
            st.setDouble(8, c.getAvgBasketValue());
            st.setObject(9, c.getFirstPurchase());
            st.setObject(10, c.getLastPurchase());
            st.setInt(11, c.getTenureDays());
            setInteger(st, 12, c.getDistinctProducts());
            st.setLong(13, c.getRowsUsed());
            setInteger(st, 14, c.getSegmentId());
            st.setString(15, c.getSegmentName());
            setInteger(st, 16, c.getRfmRecencyScore());
            setInteger(st, 17, c.getRfmFrequencyScore());
            setInteger(st, 18, c.getRfmMonetaryScore());
            st.setString(19, c.getRfmScore());
            st.setString(20, c.getRfmSegment());
            setInteger(st, 21, c.getPreviousSegmentId());
            st.setString(22, c.getPreviousRfmSegment());
            setBoolean(st, 23, c.getSegmentChanged());
            setBoolean(st, 24, c.getRfmSegmentChanged());
            setDate(st, 25, c.getSegmentSince());
            setDate(st, 26, c.getRfmSegmentSince());
            setDouble(st, 27, c.getGrossMonetary());
            setDouble(st, 28, c.getReturnsValue());
          });

  static final PartitionTable<SegmentRecord> SEGMENTS =
      new PartitionTable<>(
          "segments",
          List.of(
              "as_of_date",
              "kind",
              "segment_id",
              "segment_name",
              "description",
              "recommended_action",
              "size",
              "customer_share",
              "revenue",
              "revenue_share",
              "features"),
          List.of("as_of_date", "kind", "segment_id"),
          List.of("features"),
          (st, asOf, s) -> {
            st.setObject(1, asOf);
            st.setString(2, s.getKind());
            st.setInt(3, s.getSegmentId());
            st.setString(4, s.getSegmentName());
            st.setString(5, s.getDescription());
            st.setString(6, s.getRecommendedAction());
            st.setLong(7, s.getSize());
            st.setDouble(8, s.getCustomerShare());
            st.setDouble(9, s.getRevenue());
            st.setDouble(10, s.getRevenueShare());
            st.setString(11, features(s.getFeatures()));
          });

  private static void setDouble(PreparedStatement st, int i, Double v) throws SQLException {
    if (v == null) {
      st.setNull(i, Types.DOUBLE);
    } else {
      st.setDouble(i, v);
    }
  }

  private static void setLong(PreparedStatement st, int i, Long v) throws SQLException {
    if (v == null) {
      st.setNull(i, Types.BIGINT);
    } else {
      st.setLong(i, v);
    }
  }

  private static void setInteger(PreparedStatement st, int i, Integer v) throws SQLException {
    if (v == null) {
      st.setNull(i, Types.INTEGER);
    } else {
      st.setInt(i, v);
    }
  }

  private static void setBoolean(PreparedStatement st, int i, Boolean v) throws SQLException {
    if (v == null) {
      st.setNull(i, Types.BOOLEAN);
    } else {
      st.setBoolean(i, v);
    }
  }

  private static void setDate(PreparedStatement st, int i, LocalDate v) throws SQLException {
    if (v == null) {
      st.setNull(i, Types.DATE);
    } else {
      st.setObject(i, v);
    }
  }

  /**
   * [{"feature": ..., "mean": ..., "median": ...}]; JSON has no NaN, so a missing value is null.
   */
  static String features(List<FeatureStat> stats) {
    ArrayNode a = JSON.createArrayNode();
    for (FeatureStat f : stats) {
      ObjectNode n = a.addObject();
      n.put("feature", f.getFeature());
      putFinite(n, "mean", f.getMean());
      putFinite(n, "median", f.getMedian());
    }
    return a.toString();
  }

  private static void putFinite(ObjectNode n, String key, double v) {
    if (Double.isFinite(v)) {
      n.put(key, v);
    } else {
      n.putNull(key);
    }
  }
}
