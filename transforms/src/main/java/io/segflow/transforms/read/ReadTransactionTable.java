// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.StageMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads transactions from a database table or query into {@link RawBlock}s, so that they take the
 * same parse and clean path as CSV files: each row is rendered as a CSV record (NULL as an empty
 * field), the result's column names are the header, and the columns are found by name through the
 * same {@link ColumnMapping}. A row's "line" is its 1-based position in the ordered result.
 *
 * <p>Rows are read with a server-side cursor ({@code fetchSize} rows per round trip) straight into
 * blocks: Beam's own {@code JdbcIO.read()} would make every row one element, which is what costs in
 * Beam. The connection comes from Beam's {@link JdbcIO.DataSourceConfiguration}.
 *
 * <p>The result is ordered by all its columns, so row numbers (and which of two identical rows is
 * the "duplicate") never depend on the table's physical order. With {@link #withPartitions} the
 * rows are split into ranges of an integer column, read in parallel; row numbers then run range by
 * range (each range ordered as above, NULLs of that column last), still deterministic.
 */
public final class ReadTransactionTable extends PTransform<PBegin, PCollection<RawBlock>> {
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final String table;
  private final String query;
  private final int fetchSize;
  private final int blockSize;
  private final ColumnMapping columns;
  private final String partitionColumn;
  private final int partitions;
  private final boolean redistribute;

  private ReadTransactionTable(
      JdbcIO.DataSourceConfiguration dataSource,
      String table,
      String query,
      int fetchSize,
      int blockSize,
      ColumnMapping columns,
      String partitionColumn,
      int partitions,
      boolean redistribute) {
    this.dataSource = dataSource;
    this.table = table;
    this.query = query;
    this.fetchSize = fetchSize;
    this.blockSize = blockSize;
    this.columns = columns;
    this.partitionColumn = partitionColumn;
    this.partitions = partitions;
    this.redistribute = redistribute;
  }

  public static ReadTransactionTable create() {
    return new ReadTransactionTable(
        null, null, null, 10_000, 32_768, ColumnMapping.defaults(), null, 1, true);
  }

  public ReadTransactionTable withDataSource(JdbcIO.DataSourceConfiguration config) {
    return new ReadTransactionTable(
        checkArgumentNotNull(config),
        table,
        query,
        fetchSize,
        blockSize,
        columns,
        partitionColumn,
        partitions,
        redistribute);
  }

  /** A table (or view), optionally schema-qualified: {@code sales} or {@code shop.sales}. */
  public ReadTransactionTable fromTable(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "table '"
              + name
              + "' is not a plain [schema.]name; "
              + "for anything else (quoted names, joins, filters) give a query instead");
    }
    return new ReadTransactionTable(
        dataSource,
        name,
        null,
        fetchSize,
        blockSize,
        columns,
        partitionColumn,
        partitions,
        redistribute);
  }

  /** Any SELECT; its result is read as the table would be (a trailing semicolon is ignored). */
  public ReadTransactionTable fromQuery(String sql) {
    String q = sql == null ? "" : sql.strip().replaceAll(";+$", "").strip();
    if (q.isEmpty()) {
      throw new IllegalArgumentException("the query is empty");
    }
    return new ReadTransactionTable(
        dataSource,
        null,
        q,
        fetchSize,
        blockSize,
        columns,
        partitionColumn,
        partitions,
        redistribute);
  }

  /** Rows per round trip to the server (the cursor's fetch size). */
  public ReadTransactionTable withFetchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("fetch size must be positive, got " + rows);
    }
    return new ReadTransactionTable(
        dataSource,
        table,
        query,
        rows,
        blockSize,
        columns,
        partitionColumn,
        partitions,
        redistribute);
  }

  /** Rows per block moved through the engine, as for files. */
  public ReadTransactionTable withBlockSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("block size must be positive, got " + rows);
    }
    return new ReadTransactionTable(
        dataSource,
        table,
        query,
        fetchSize,
        rows,
        columns,
        partitionColumn,
        partitions,
        redistribute);
  }

  public ReadTransactionTable withColumns(ColumnMapping mapping) {
    return new ReadTransactionTable(
        dataSource,
        table,
        query,
        fetchSize,
        blockSize,
        checkArgumentNotNull(mapping),
        partitionColumn,
        partitions,
        redistribute);
  }

  /**
   * Reads {@code count} ranges of the integer column {@code column} (between its minimum and
   * maximum) in parallel, plus one for its NULLs. {@code count} 1 (the default) reads the whole
   * result with one cursor.
   */
  public ReadTransactionTable withPartitions(String column, int count) {
    if (column == null || !IDENTIFIER.matcher(column).matches() || column.contains(".")) {
      throw new IllegalArgumentException(
          "partition column '" + column + "' is not a plain column name");
    }
    if (count < 1 || count > 1024) {
      throw new IllegalArgumentException("partitions must be between 1 and 1024, got " + count);
    }
    return new ReadTransactionTable(
        dataSource, table, query, fetchSize, blockSize, columns, column, count, redistribute);
  }

  /**
   * Whether to spread the blocks over workers (default true); off on the DirectRunner, as for
   * files.
   */
  public ReadTransactionTable withRedistribution(boolean enabled) {
    return new ReadTransactionTable(
        dataSource,
        table,
        query,
        fetchSize,
        blockSize,
        columns,
        partitionColumn,
        partitions,
        enabled);
  }

  /** What rejected rows name as their source: the table, or "query". */
  public String sourceName() {
    return table != null ? table : "query";
  }

  /** The SELECT whose rows are read, before ordering. */
  public String sourceSql() {
    if (table == null && query == null) {
      throw new IllegalStateException(
          "ReadTransactionTable needs fromTable(...) or fromQuery(...)");
    }
    return table != null ? "SELECT * FROM " + table : query;
  }

  @Override
  public PCollection<RawBlock> expand(PBegin begin) {
    if (dataSource == null) {
      throw new IllegalStateException("ReadTransactionTable needs withDataSource(...)");
    }
    SerializableFunction<Void, DataSource> connect =
        JdbcIO.DataSourceProviderFromDataSourceConfiguration.of(dataSource);
    PCollection<TableSlice> slices =
        begin
            .apply("StartTableRead", Create.of(sourceSql()))
            .apply(
                "PlanTableSlices",
                ParDo.of(
                    new PlanSlicesFn(connect, sourceName(), columns, partitionColumn, partitions)))
            .setCoder(SerializableCoder.of(TableSlice.class));
    if (redistribute) {
      slices = slices.apply("SpreadSlices", Reshuffle.viaRandomKey());
    }
    PCollection<RawBlock> blocks =
        slices
            .apply("ReadRowsIntoBlocks", ParDo.of(new ReadSliceFn(connect, fetchSize, blockSize)))
            .setCoder(RawBlock.Coder.of());
    return redistribute ? blocks.apply("SpreadBlocks", Reshuffle.viaRandomKey()) : blocks;
  }

  /** Finds the columns, checks the mapping, and cuts the result into ordered slices. */
  static final class PlanSlicesFn extends DoFn<String, TableSlice> {
    private final SerializableFunction<Void, DataSource> connect;
    private final String source;
    private final ColumnMapping columns;
    private final String partitionColumn;
    private final int partitions;

    PlanSlicesFn(
        SerializableFunction<Void, DataSource> connect,
        String source,
        ColumnMapping columns,
        String partitionColumn,
        int partitions) {
      this.connect = connect;
      this.source = source;
      this.columns = columns;
      this.partitionColumn = partitionColumn;
      this.partitions = partitions;
    }

    @ProcessElement
    public void process(@Element String sql, OutputReceiver<TableSlice> out) throws SQLException {
      try (Connection c = connect.apply(null).getConnection()) {
        List<String> names = TableColumns.names(c, sql);
        int[] index = columns.resolve(source, names);
        String header = CsvLine.join(names.toArray(new String[0]));
        String from = TableColumns.from(sql);
        String order = TableColumns.orderByAll(names.size());
        if (partitionColumn == null || partitions == 1) {
          out.output(new TableSlice(source, header, names.size(), index, from + order, 1));
          return;
        }
        long first = 1;
        for (String where : TableColumns.ranges(c, sql, partitionColumn, partitions)) {
          out.output(
              new TableSlice(
                  source, header, names.size(), index, from + " WHERE " + where + order, first));
          first += TableColumns.count(c, sql, where);
        }
      }
    }
  }

  /** Reads one slice with a cursor, {@code blockSize} rows per block. */
  static final class ReadSliceFn extends DoFn<TableSlice, RawBlock> {
    private final SerializableFunction<Void, DataSource> connect;
    private final int fetchSize;
    private final int blockSize;

    ReadSliceFn(SerializableFunction<Void, DataSource> connect, int fetchSize, int blockSize) {
      this.connect = connect;
      this.fetchSize = fetchSize;
      this.blockSize = blockSize;
    }

    @ProcessElement
    public void process(@Element TableSlice slice, OutputReceiver<RawBlock> out)
        throws SQLException {
      long start = System.nanoTime();
      long rows = 0;
      try (Connection c = connect.apply(null).getConnection()) {
        // PostgreSQL streams with a cursor only inside a transaction; otherwise it reads it all.
        c.setAutoCommit(false);
        try (PreparedStatement st =
            c.prepareStatement(
                slice.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
          st.setFetchSize(fetchSize);
          try (ResultSet rs = st.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            String[] values = new String[n];
            BlockBuilder block = new BlockBuilder(slice, blockSize);
            while (rs.next()) {
              for (int i = 0; i < n; i++) {
                values[i] = rs.getString(i + 1);
              }
              block.add(slice.firstRow() + rows, CsvLine.join(values));
              rows++;
              if (block.isFull()) {
                out.output(block.build());
              }
            }
            if (!block.isEmpty()) {
              out.output(block.build());
            }
          }
        } finally {
          c.rollback(); // read only: nothing to keep
        }
      }
      Metrics.counter(StageMetrics.NAMESPACE, "rows_read").inc(rows);
      StageMetrics.timed("read", start);
    }
  }

  /** Collects rows of one slice into a block. */
  static final class BlockBuilder {
    private final TableSlice slice;
    private final int capacity;
    private long[] lines;
    private String[] texts;
    private int n;

    BlockBuilder(TableSlice slice, int capacity) {
      this.slice = slice;
      this.capacity = capacity;
      reset();
    }

    void add(long line, String text) {
      lines[n] = line;
      texts[n] = text;
      n++;
    }

    boolean isFull() {
      return n == capacity;
    }

    boolean isEmpty() {
      return n == 0;
    }

    RawBlock build() {
      boolean full = n == lines.length;
      RawBlock b =
          new RawBlock(
              slice.source(),
              slice.header(),
              slice.fieldCount(),
              slice.columnIndex(),
              full ? lines : java.util.Arrays.copyOf(lines, n),
              full ? texts : java.util.Arrays.copyOf(texts, n),
              new byte[n]);
      reset();
      return b;
    }

    private void reset() {
      lines = new long[capacity];
      texts = new String[capacity];
      n = 0;
    }
  }
}
