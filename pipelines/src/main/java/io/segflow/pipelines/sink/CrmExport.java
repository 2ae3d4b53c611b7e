// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.pipelines.report.ReportData;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import io.segflow.transforms.write.SpreadsheetSafe;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code crm/customers.csv}: one line per customer, sorted by customer id, for a CRM or a
 * spreadsheet: the segment, its name and recommended action, the RFM score, segment and action, and
 * the key features, then the segment history (empty without a previous run) and the money before
 * returns (empty unless returns are netted). UTF-8, RFC 4180 (CRLF line ends, quoted where needed).
 * Every text cell goes through {@link SpreadsheetSafe}: a customer id or country starting with =,
 * +, -, @, a tab or a carriage return cannot run as a formula. Numbers are written plainly (money
 * with 2 decimals), never in exponent notation.
 */
public final class CrmExport {
  public static final String FILE = "crm/customers.csv";
  static final List<String> HEADER =
      List.of(
          "customer_id",
          "as_of_date",
          "segment_id",
          "segment_name",
          "recommended_action",
          "rfm_score",
          "rfm_segment",
          "rfm_recommended_action",
          "recency_days",
          "frequency",
          "monetary",
          "avg_basket_value",
          "total_quantity",
          "tenure_days",
          "distinct_products",
          "last_purchase",
          "country",
          "previous_segment_id",
          "previous_rfm_segment",
          "segment_changed",
          "rfm_segment_changed",
          "segment_since",
          "rfm_segment_since",
          "gross_monetary",
          "returns_value");

  private static final java.time.format.DateTimeFormatter TIMESTAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private CrmExport() {}

  /**
   * Writes the file into the output folder {@code dir} from its customers/ and segments/; the run
   * wrote {@code customers} customers (checked: see {@link SortedCustomers#forEach}).
   */
  public static String write(Path dir, long customers) throws IOException {
    Map<Integer, SegmentRecord> model = new HashMap<>();
    Map<String, SegmentRecord> rfm = new HashMap<>();
    for (SegmentRecord s : ReportData.readSegments(dir)) {
      if ("rfm".equals(s.getKind())) {
        rfm.put(s.getSegmentName(), s);
      } else {
        model.put(s.getSegmentId(), s);
      }
    }
    Path file = dir.resolve(FILE);
    Files.createDirectories(file.getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", HEADER));
      w.write("\r\n");
      // Lines are formatted on the part files' decoding threads; here they are only merged.
      SortedCustomers.forEach(
          dir, customers, c -> line(c, model, rfm), (c, line) -> write(w, line));
    }
    return FILE;
  }

  /** Customer {@code c}'s line, CRLF included. */
  private static String line(
      CustomerRecord c, Map<Integer, SegmentRecord> model, Map<String, SegmentRecord> rfm) {
    SegmentRecord segment = c.getSegmentId() == null ? null : model.get(c.getSegmentId());
    SegmentRecord rfmSegment = c.getRfmSegment() == null ? null : rfm.get(c.getRfmSegment());
    StringBuilder line = new StringBuilder(160);
    line.append(text(c.getCustomerId()))
        .append(',')
        .append(c.getAsOfDate())
        .append(',')
        .append(number(c.getSegmentId()))
        .append(',')
        .append(text(c.getSegmentName()))
        .append(',')
        .append(text(segment == null ? null : segment.getRecommendedAction()))
        .append(',')
        .append(text(c.getRfmScore()))
        .append(',')
        .append(text(c.getRfmSegment()))
        .append(',')
        .append(text(rfmSegment == null ? null : rfmSegment.getRecommendedAction()))
        .append(',')
        .append(c.getRecencyDays())
        .append(',')
        .append(c.getFrequency())
        .append(',')
        .append(money(c.getMonetary()))
        .append(',')
        .append(money(c.getAvgBasketValue()))
        .append(',')
        .append(c.getTotalQuantity() == null ? "" : c.getTotalQuantity())
        .append(',')
        .append(c.getTenureDays())
        .append(',')
        .append(c.getDistinctProducts() == null ? "" : c.getDistinctProducts())
        .append(',');
    timestamp(line, c.getLastPurchase());
    line.append(',').append(text(c.getCountry()));
    // Segment history: empty cells without a previous run.
    line.append(',')
        .append(number(c.getPreviousSegmentId()))
        .append(',')
        .append(text(c.getPreviousRfmSegment()))
        .append(',')
        .append(plain(c.getSegmentChanged()))
        .append(',')
        .append(plain(c.getRfmSegmentChanged()))
        .append(',')
        .append(plain(c.getSegmentSince()))
        .append(',')
        .append(plain(c.getRfmSegmentSince()));
    // With cleaning.returns: net only: empty cells otherwise.
    line.append(',')
        .append(c.getGrossMonetary() == null ? "" : money(c.getGrossMonetary()))
        .append(',')
        .append(c.getReturnsValue() == null ? "" : money(c.getReturnsValue()));
    return line.append("\r\n").toString();
  }

  private static void write(Writer w, String line) {
    try {
      w.write(line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * yyyy-MM-dd HH:mm:ss, without a formatter for the common four-digit years (millions of rows).
   */
  static void timestamp(StringBuilder out, java.time.LocalDateTime t) {
    int year = t.getYear();
    if (year < 1000 || year > 9999) {
      out.append(t.format(TIMESTAMP));
      return;
    }
    out.append(year).append('-');
    twoDigits(out, t.getMonthValue()).append('-');
    twoDigits(out, t.getDayOfMonth()).append(' ');
    twoDigits(out, t.getHour()).append(':');
    twoDigits(out, t.getMinute()).append(':');
    twoDigits(out, t.getSecond());
  }

  private static StringBuilder twoDigits(StringBuilder out, int v) {
    return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static String text(String value) {
    return SpreadsheetSafe.csvField(value);
  }

  /** A boolean or date as Java writes it (true/false, yyyy-MM-dd); empty for null. */
  private static String plain(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String number(Integer value) {
    return value == null ? "" : value.toString();
  }

  /**
   * Money with 2 decimals, rounded half up from the value's shortest decimal form: exactly what
   * {@code BigDecimal.valueOf(value).setScale(2, HALF_UP).toPlainString()} gives, done on that
   * decimal string (the BigDecimal way was a third of the CRM export's formatting).
   */
  static String money(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    if (value == 0) {
      return "0.00"; // -0.0 too: BigDecimal has no negative zero
    }
    String s = Double.toString(value);
    int dot = s.indexOf('.');
    if (s.indexOf('E') >= 0 || dot < 0) {
      return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
    int decimals = s.length() - dot - 1;
    if (decimals <= 2) {
      return decimals == 2 ? s : s + "0";
    }
    char[] digits = s.substring(0, dot + 3).toCharArray();
    if (s.charAt(dot + 3) >= '5') { // round the magnitude up: carry from the last digit
      int i = digits.length - 1;
      while (i >= 0 && (digits[i] == '9' || digits[i] == '.')) {
        if (digits[i] == '9') {
          digits[i] = '0';
        }
        i--;
      }
      if (i < 0 || digits[i] == '-') {
        String carried = new String(digits, i + 1, digits.length - i - 1);
        return (i < 0 ? "" : "-") + "1" + carried;
      }
      digits[i]++;
    }
    String rounded = new String(digits);
    return rounded.startsWith("-") && rounded.chars().noneMatch(c -> c >= '1' && c <= '9')
        ? rounded.substring(1)
        : rounded; // BigDecimal has no negative zero
  }
}
