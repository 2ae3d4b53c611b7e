// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic transaction lines shaped like the UCI Online Retail data set, for customers of
 * known latent {@link CustomerType}s, and {@code types.csv} with each customer's true type.
 *
 * <p>How the rows come about, and why the output depends on the seed only:
 *
 * <ol>
 *   <li><b>Plan</b>: every customer {@code i} draws its type and its number of orders from a {@link
 *       SplittableRandom} seeded by (seed, i). The rows are shared out over the customers in
 *       proportion to orders × lines per invoice of their type (at least one each, exactly {@code
 *       rows} in total), and invoice numbers are handed out in customer order.
 *   <li><b>Rows</b>: each customer's lines come from a second generator seeded by (seed, i), so
 *       they are the same whichever file the customer lands in. A customer's rows are written
 *       together; files hold consecutive customers, about {@code rows / files} rows each.
 *   <li><b>Defects</b>: each row is, with probability {@code defectRate}, one of the defects the
 *       cleaning stage rejects: a missing CustomerID (35 %), an exact copy of the customer's
 *       previous line (25 %), a cancellation of it ({@code C} + its invoice number, negative
 *       quantity; 25 %) or a zero unit price (15 %). A duplicate or cancellation needs an earlier
 *       clean line of the customer not already copied or cancelled; where there is none the row is
 *       written as a clean line.
 * </ol>
 */
public final class TransactionGenerator {
  public static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
  public static final String TYPES_FILE = "types.csv";
  static final long FIRST_CUSTOMER_ID = 12346;
  static final long FIRST_INVOICE = 536365;
  private static final int PRODUCTS = 3000;
  private static final long PLAN_SALT = 0x5EF1_0A11_CE5L;
  private static final long ROWS_SALT = 0x0DD5_EED5_0001L;
  private static final long CATALOGUE_SALT = 0xCA7A_1065_0002L;

  /** What was written. */
  public record Result(
      List<Path> dataFiles,
      Path typesFile,
      long rows,
      int customers,
      Map<CustomerType, Integer> customersByType,
      Map<String, Long> defects) {}

  private final GeneratorConfig config;
  private final CustomerType[] types;
  private final byte[] customerType;
  private final int[] orders;
  private final long[] rowStart;
  private final long[] invoiceStart;
  private final Catalogue catalogue;
  private final byte[][] dayText;
  private final int lastDay;

  private TransactionGenerator(GeneratorConfig config) {
    this.config = config;
    this.types = config.types().toArray(new CustomerType[0]);
    int n = config.customers();
    this.customerType = new byte[n];
    this.orders = new int[n];
    this.rowStart = new long[n + 1];
    this.invoiceStart = new long[n + 1];
    this.catalogue = new Catalogue(new SplittableRandom(mix(config.seed(), 0, CATALOGUE_SALT)));
    this.lastDay = (int) ChronoUnit.DAYS.between(config.startDate(), config.endDate());
    this.dayText = new byte[lastDay + 1][];
    for (int d = 0; d <= lastDay; d++) {
      dayText[d] = (config.startDate().plusDays(d) + " ").getBytes(StandardCharsets.US_ASCII);
    }
    plan();
  }

  /** Generates the files of {@code config} into its output folder (created if need be). */
  public static Result generate(GeneratorConfig config) throws IOException {
    return new TransactionGenerator(config).write();
  }

  /**
   * The data file names: {@code transactions.csv[.gz]} or {@code
   * transactions-00001-of-00004.csv[.gz]}.
   */
  public static String fileName(int file, int files, boolean gzip) {
    String base =
        files == 1 ? "transactions" : String.format("transactions-%05d-of-%05d", file, files);
    return base + (gzip ? ".csv.gz" : ".csv");
  }

  private void plan() {
    double totalShare = 0;
    for (CustomerType t : types) {
      totalShare += t.share;
    }
    int n = config.customers();
    double[] weight = new double[n];
    double totalWeight = 0;
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(mix(config.seed(), i, PLAN_SALT));
      double u = rng.nextDouble() * totalShare;
      int t = 0;
      while (t < types.length - 1 && u >= types[t].share) {
        u -= types[t].share;
        t++;
      }
      CustomerType type = types[t];
      customerType[i] = (byte) t;
      long o = Math.round(type.medianOrders * Math.exp(type.ordersSigma * rng.nextGaussian()));
      orders[i] = (int) Math.max(type.minOrders, Math.min(type.maxOrders, o));
      weight[i] = (double) orders[i] * type.meanLines;
      totalWeight += weight[i];
    }
    // One row each, the rest in proportion to the weights by cumulative rounding (exact total).
    long extra = config.rows() - n;
    double cum = 0;
    long given = 0;
    for (int i = 0; i < n; i++) {
      cum += weight[i];
      long upTo =
          i == n - 1 ? extra : Math.min(extra, (long) Math.floor(cum / totalWeight * extra));
      long mine = 1 + Math.max(0, upTo - given);
      given = Math.max(given, upTo);
      rowStart[i + 1] = rowStart[i] + mine;
      invoiceStart[i + 1] = invoiceStart[i] + orders[i];
    }
  }

  private Result write() throws IOException {
    Path out = config.output();
    Files.createDirectories(out);
    int files = config.files();
    int[] firstCustomer = new int[files + 1];
    int n = config.customers();
    for (int i = 0, f = 0; f < files; f++) {
      // File f holds the customers whose first row falls in [f, f + 1) × rows / files.
      firstCustomer[f] = i;
      while (i < n && fileOf(rowStart[i], files) <= f) {
        i++;
      }
    }
    firstCustomer[files] = n;
    List<Path> paths = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      paths.add(out.resolve(fileName(f + 1, files, config.gzip())));
    }
    long[][] defects = new long[files][];
    int threads = Math.max(1, Math.min(files, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "segflow-generate");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<long[]>> done = new ArrayList<>();
      for (int f = 0; f < files; f++) {
        int from = firstCustomer[f];
        int to = firstCustomer[f + 1];
        Path p = paths.get(f);
        done.add(pool.submit(() -> writeFile(p, from, to)));
      }
      for (int f = 0; f < files; f++) {
        defects[f] = done.get(f).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Path typesFile = out.resolve(TYPES_FILE);
    Map<CustomerType, Integer> byType = new EnumMap<>(CustomerType.class);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(typesFile), 1 << 16)) {
      Ascii b = new Ascii(os);
      b.append("customer_id,true_type\n");
      for (int i = 0; i < n; i++) {
        CustomerType t = types[customerType[i]];
        byType.merge(t, 1, Integer::sum);
        b.ensure(64);
        b.append(FIRST_CUSTOMER_ID + i).append(',').append(t.label).append('\n');
      }
      b.flush();
    }
    long[] total = new long[Defect.values().length];
    for (long[] d : defects) {
      for (int k = 0; k < total.length; k++) {
        total[k] += d[k];
      }
    }
    Map<String, Long> defectCounts = new java.util.LinkedHashMap<>();
    for (Defect d : Defect.values()) {
      defectCounts.put(d.label, total[d.ordinal()]);
    }
    return new Result(List.copyOf(paths), typesFile, config.rows(), n, byType, defectCounts);
  }

  private int fileOf(long firstRow, int files) {
    return (int) Math.min(files - 1, (long) ((double) firstRow / config.rows() * files));
  }

  private long[] writeFile(Path path, int from, int to) throws IOException {
    long[] defects = new long[Defect.values().length];
    try (OutputStream raw = Files.newOutputStream(path);
        OutputStream os =
            config.gzip() ? new FastGzip(new BufferedOutputStream(raw, 1 << 16)) : raw) {
      Ascii b = new Ascii(os);
      b.append(HEADER);
      long[] usedIn = new long[PRODUCTS];
      Arrays.fill(usedIn, -1);
      for (int i = from; i < to; i++) {
        writeCustomer(i, b, defects, usedIn);
      }
      b.flush();
    }
    return defects;
  }

  private enum Defect {
    MISSING_ID("missing_customer_id"),
    DUPLICATE("duplicate_row"),
    CANCELLATION("cancellation"),
    ZERO_PRICE("zero_price");

    final String label;

    Defect(String label) {
      this.label = label;
    }
  }

  private static final String[] COUNTRIES = {
    "Germany",
    "France",
    "EIRE",
    "Spain",
    "Netherlands",
    "Belgium",
    "Switzerland",
    "Portugal",
    "Australia",
    "Norway",
    "Italy",
    "Channel Islands",
    "Finland",
    "Cyprus",
    "Sweden",
    "Austria",
    "Denmark",
    "Japan",
    "Poland",
    "USA"
  };
  private static final byte[] UK = "United Kingdom".getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] COUNTRY_BYTES =
      Arrays.stream(COUNTRIES)
          .map(c -> c.getBytes(StandardCharsets.US_ASCII))
          .toArray(byte[][]::new);
  private static final int[] BASE_QUANTITY = {1, 1, 2, 2, 3, 4, 6, 6, 12, 12, 24};

  /**
   * Writes customer i's rows. {@code usedIn[p]} is the last invoice that has product p: an invoice
   * lists a product once, so that exact duplicates are only the deliberate ones.
   */
  private void writeCustomer(int i, Ascii b, long[] defects, long[] usedIn) throws IOException {
    CustomerType type = types[customerType[i]];
    SplittableRandom rng = new SplittableRandom(mix(config.seed(), i, ROWS_SALT));
    long rows = rowStart[i + 1] - rowStart[i];
    int invoices = (int) Math.min(orders[i], rows);
    long customerId = FIRST_CUSTOMER_ID + i;
    byte[] country =
        rng.nextDouble() < 0.89 ? UK : COUNTRY_BYTES[rng.nextInt(COUNTRY_BYTES.length)];
    // Heavy tail of spend: a lognormal multiplier per customer on quantities.
    double spend = Math.exp(0.45 * rng.nextGaussian());
    int last =
        Math.max(0, lastDay - type.minRecency - rng.nextInt(type.maxRecency - type.minRecency + 1));
    int first;
    if (type.minFirst >= 0) {
      first = Math.min(last, type.minFirst + rng.nextInt(type.maxFirst - type.minFirst + 1));
    } else if (type == CustomerType.NEW) {
      first = Math.max(0, last - rng.nextInt(11));
    } else {
      first = Math.max(0, last - rng.nextInt(61));
    }
    int[] day = new int[invoices];
    day[invoices - 1] = last;
    if (invoices > 1) {
      day[0] = first;
      for (int k = 1; k < invoices - 1; k++) {
        day[k] = first + rng.nextInt(last - first + 1);
      }
      Arrays.sort(day);
    }
    // Lines per invoice: at least one each, the rest by exponential weights (cumulative rounding).
    long[] lineEnd = new long[invoices];
    double[] w = new double[invoices];
    double wSum = 0;
    for (int k = 0; k < invoices; k++) {
      w[k] = -Math.log(1 - rng.nextDouble());
      wSum += w[k];
    }
    long extra = rows - invoices;
    double cum = 0;
    long given = 0;
    for (int k = 0; k < invoices; k++) {
      cum += w[k];
      long upTo =
          k == invoices - 1 ? extra : Math.min(extra, (long) Math.floor(cum / wSum * extra));
      given = Math.max(given, upTo);
      lineEnd[k] = k + 1 + given;
    }
    double defectRate = config.defectRate();
    long row = 0;
    // The previous clean line, for duplicates and cancellations.
    boolean havePrev = false;
    long pInvoice = 0;
    int pProduct = 0;
    long pQty = 0;
    int pPrice = 0;
    int pDay = 0;
    int pMinute = 0;
    for (int k = 0; k < invoices; k++) {
      long invoice = FIRST_INVOICE + invoiceStart[i] + k;
      int d = day[k];
      int minute = 8 * 60 + rng.nextInt(d == lastDay ? 4 * 60 + 50 : 11 * 60);
      for (; row < lineEnd[k]; row++) {
        Defect defect = null;
        if (defectRate > 0 && rng.nextDouble() < defectRate) {
          double u = rng.nextDouble();
          defect =
              u < 0.35
                  ? Defect.MISSING_ID
                  : u < 0.60
                      ? Defect.DUPLICATE
                      : u < 0.85 ? Defect.CANCELLATION : Defect.ZERO_PRICE;
          if (!havePrev && (defect == Defect.DUPLICATE || defect == Defect.CANCELLATION)) {
            defect = null;
          }
        }
        if (defect == Defect.DUPLICATE) {
          line(b, false, pInvoice, pProduct, pQty, pDay, pMinute, pPrice, customerId, country);
          defects[defect.ordinal()]++;
          havePrev = false; // one copy or cancellation per line: no accidental extra duplicates
          continue;
        }
        if (defect == Defect.CANCELLATION) {
          line(b, true, pInvoice, pProduct, -pQty, pDay, pMinute, pPrice, customerId, country);
          defects[defect.ordinal()]++;
          havePrev = false; // one copy or cancellation per line: no accidental extra duplicates
          continue;
        }
        int product = catalogue.pick(rng);
        for (int tries = 0; usedIn[product] == invoice && tries < PRODUCTS; tries++) {
          product = tries < 3 ? catalogue.pick(rng) : (product + 1) % PRODUCTS;
        }
        usedIn[product] = invoice;
        long qty =
            Math.max(
                1,
                Math.round(
                    BASE_QUANTITY[rng.nextInt(BASE_QUANTITY.length)] * type.quantityScale * spend));
        int price = catalogue.priceCents[product];
        if (defect == Defect.ZERO_PRICE) {
          line(b, false, invoice, product, qty, d, minute, 0, customerId, country);
        } else if (defect == Defect.MISSING_ID) {
          line(b, false, invoice, product, qty, d, minute, price, -1, country);
        } else {
          line(b, false, invoice, product, qty, d, minute, price, customerId, country);
          havePrev = true;
          pInvoice = invoice;
          pProduct = product;
          pQty = qty;
          pPrice = price;
          pDay = d;
          pMinute = minute;
          continue;
        }
        defects[defect.ordinal()]++;
      }
    }
  }

  private void line(
      Ascii b,
      boolean cancel,
      long invoice,
      int product,
      long qty,
      int day,
      int minute,
      int priceCents,
      long customerId,
      byte[] country)
      throws IOException {
    b.ensure(256);
    if (cancel) {
      b.append('C');
    }
    b.append(invoice)
        .append(',')
        .append(catalogue.code[product])
        .append(',')
        .append(catalogue.description[product])
        .append(',')
        .append(qty)
        .append(',')
        .append(dayText[day])
        .append2(minute / 60)
        .append(':')
        .append2(minute % 60)
        .append(":00,");
    b.append(priceCents / 100).append('.').append2(priceCents % 100).append(',');
    if (customerId >= 0) {
      b.append(customerId);
    }
    b.append(',').append(country).append('\n');
  }

  /** A stateless 64-bit mix of (seed, index, salt): SplitMix64's finaliser. */
  static long mix(long seed, long index, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Products: stock code, upper-case description (no commas) and a heavy-tailed unit price. */
  private static final class Catalogue {
    private static final String[] COLOURS = {
      "WHITE", "RED", "PINK", "BLUE", "GREEN", "IVORY", "BLACK", "CREAM", "VINTAGE", "RETRO",
      "SILVER", "GOLD", "PAISLEY", "SPOTTY", "STRIPY"
    };
    private static final String[] THINGS = {
      "HEART",
      "STAR",
      "ROSE",
      "BIRD",
      "OWL",
      "SKULL",
      "DOILY",
      "LANTERN",
      "REGENCY",
      "POLKADOT",
      "FLOWER",
      "CHRISTMAS",
      "JAM",
      "PARTY",
      "GARDEN"
    };
    private static final String[] ITEMS = {
      "T-LIGHT HOLDER",
      "MUG",
      "CAKE STAND",
      "LUNCH BAG",
      "JUMBO BAG",
      "BUNTING",
      "TEACUP AND SAUCER",
      "NAPKINS",
      "PHOTO FRAME",
      "CANDLE",
      "DOORMAT",
      "NOTEBOOK",
      "CUSHION COVER",
      "ALARM CLOCK",
      "HOT WATER BOTTLE",
      "WALL ART",
      "STORAGE TIN",
      "PEG BAG",
      "WRAP",
      "PAPER CHAIN KIT",
      "HANGING DECORATION",
      "GLASS JAR"
    };

    final byte[][] code = new byte[PRODUCTS][];
    final byte[][] description = new byte[PRODUCTS][];
    final int[] priceCents = new int[PRODUCTS];

    Catalogue(SplittableRandom rng) {
      for (int p = 0; p < PRODUCTS; p++) {
        String c = Integer.toString(20000 + p * 23);
        if (rng.nextInt(6) == 0) {
          c += (char) ('A' + rng.nextInt(6));
        }
        code[p] = c.getBytes(StandardCharsets.US_ASCII);
        String desc =
            COLOURS[rng.nextInt(COLOURS.length)]
                + " "
                + THINGS[rng.nextInt(THINGS.length)]
                + " "
                + ITEMS[rng.nextInt(ITEMS.length)];
        description[p] = desc.getBytes(StandardCharsets.US_ASCII);
        // Median about 2.50, a long right tail (a few items at tens of pounds).
        double price = 2.5 * Math.exp(0.8 * rng.nextGaussian());
        priceCents[p] = (int) Math.max(10, Math.min(29_999, Math.round(price * 100)));
      }
    }

    /** Popular products are picked far more often (a power law over the catalogue). */
    int pick(SplittableRandom rng) {
      double u = rng.nextDouble();
      return (int) (PRODUCTS * u * u * u);
    }
  }

  /** gzip at the fastest compression level: the writer is bound by deflate otherwise. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(java.util.zip.Deflater.BEST_SPEED);
    }
  }

  /** A byte buffer for ASCII text with number formatting, flushed to a stream. */
  private static final class Ascii {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    Ascii(OutputStream out) {
      this.out = out;
    }

    void ensure(int n) throws IOException {
      if (pos + n > buf.length) {
        flush();
      }
    }

    void flush() throws IOException {
      out.write(buf, 0, pos);
      pos = 0;
    }

    Ascii append(char c) {
      buf[pos++] = (byte) c;
      return this;
    }

    Ascii append(byte[] bytes) {
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      pos += bytes.length;
      return this;
    }

    Ascii append(String s) throws IOException {
      byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
      ensure(bytes.length);
      return append(bytes);
    }

    /** Two digits, zero-padded. */
    Ascii append2(int v) {
      buf[pos++] = (byte) ('0' + v / 10);
      buf[pos++] = (byte) ('0' + v % 10);
      return this;
    }

    Ascii append(long v) {
      if (v < 0) {
        buf[pos++] = '-';
        v = -v;
      }
      if (v == 0) {
        buf[pos++] = '0';
        return this;
      }
      int start = pos;
      while (v > 0) {
        buf[pos++] = (byte) ('0' + v % 10);
        v /= 10;
      }
      for (int a = start, z = pos - 1; a < z; a++, z--) {
        byte t = buf[a];
        buf[a] = buf[z];
        buf[z] = t;
      }
      return this;
    }
  }
}
