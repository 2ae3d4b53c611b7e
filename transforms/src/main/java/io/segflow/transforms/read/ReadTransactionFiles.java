// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.CsvFields;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.SnappyCoder;
import io.segflow.transforms.rows.StageMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads CSV files (paths or globs; {@code .gz}, {@code .bz2}, {@code .zst}... decompressed by
 * extension) into {@link RawBlock}s of {@code blockSize} records. The header of each file decides
 * its column positions, so files may order their columns differently.
 *
 * <p>A compressed file cannot be split, so each file is read by one worker; the blocks are then
 * redistributed so that parsing runs in parallel.
 */
public final class ReadTransactionFiles extends PTransform<PBegin, PCollection<RawBlock>> {
  private final List<String> patterns;
  private final String charsetName;
  private final int blockSize;
  private final ColumnMapping columns;
  private final boolean redistribute;
  private final boolean spreadBlocks;
  private final String format;
  private final long splitRecords;

  private ReadTransactionFiles(
      List<String> patterns,
      String charsetName,
      int blockSize,
      ColumnMapping columns,
      boolean redistribute,
      boolean spreadBlocks,
      String format,
      long splitRecords) {
    this.patterns = patterns;
    this.charsetName = charsetName;
    this.blockSize = blockSize;
    this.columns = columns;
    this.redistribute = redistribute;
    this.spreadBlocks = spreadBlocks;
    this.format = format;
    this.splitRecords = splitRecords;
  }

  public static ReadTransactionFiles create() {
    return new ReadTransactionFiles(
        List.of(), "UTF-8", 32_768, ColumnMapping.defaults(), true, true, "auto", SPLIT_RECORDS);
  }

  /**
   * Whether to spread the blocks of a file over workers (default true). Turn it off on the
   * DirectRunner: there every shuffled element costs copies, and one file's blocks travelling
   * together keep the later grouping cheap.
   */
  public ReadTransactionFiles withRedistribution(boolean enabled) {
    return new ReadTransactionFiles(
        patterns, charsetName, blockSize, columns, enabled, spreadBlocks, format, splitRecords);
  }

  /**
   * Whether, with redistribution on, the blocks are spread too (default true), not only the files.
   * Spreading blocks lets several workers parse one file, but moves all the data through a shuffle
   * (Flink sorts and spills it): turn it off when there are at least as many files as workers.
   */
  public ReadTransactionFiles withBlockRedistribution(boolean enabled) {
    return new ReadTransactionFiles(
        patterns, charsetName, blockSize, columns, redistribute, enabled, format, splitRecords);
  }

  public ReadTransactionFiles from(List<String> filePatterns) {
    if (filePatterns.isEmpty()) {
      throw new IllegalArgumentException("at least one input file or pattern is needed");
    }
    return new ReadTransactionFiles(
        List.copyOf(filePatterns),
        charsetName,
        blockSize,
        columns,
        redistribute,
        spreadBlocks,
        format,
        splitRecords);
  }

  public ReadTransactionFiles from(String filePattern) {
    return from(List.of(filePattern));
  }

  /** The files' text encoding (UTF-8 by default; any ASCII-compatible charset). */
  public ReadTransactionFiles withCharset(String name) {
    Charset cs = Charset.forName(checkArgumentNotNull(name)); // fails early on an unknown name
    byte[] probe = "Ab1,\"\n".getBytes(cs);
    if (!java.util.Arrays.equals(
        probe, "Ab1,\"\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(
          "encoding "
              + name
              + " is not ASCII-compatible; records "
              + "are split on bytes, so use UTF-8, ISO-8859-1, windows-1252 or similar");
    }
    return new ReadTransactionFiles(
        patterns, name, blockSize, columns, redistribute, spreadBlocks, format, splitRecords);
  }

  /** Records per block: larger blocks mean fewer elements for the engine, but more memory each. */
  public ReadTransactionFiles withBlockSize(int records) {
    if (records < 1) {
      throw new IllegalArgumentException("block size must be positive, got " + records);
    }
    return new ReadTransactionFiles(
        patterns, charsetName, records, columns, redistribute, spreadBlocks, format, splitRecords);
  }

  public ReadTransactionFiles withColumns(ColumnMapping mapping) {
    return new ReadTransactionFiles(
        patterns,
        charsetName,
        blockSize,
        checkArgumentNotNull(mapping),
        redistribute,
        spreadBlocks,
        format,
        splitRecords);
  }

  /**
   * The files' format: {@code auto} (the default: {@code .parquet} and {@code .avro} files by their
   * extension, anything else CSV), {@code csv}, {@code parquet} or {@code avro}.
   */
  public ReadTransactionFiles withFormat(String name) {
    RecordFormat.of(name, ""); // fails early on an unknown name
    return new ReadTransactionFiles(
        patterns, charsetName, blockSize, columns, redistribute, spreadBlocks, name, splitRecords);
  }

  /**
   * Records per split of a Parquet file (default {@value #SPLIT_RECORDS}): a file of more row
   * groups is read by several workers, each a run of whole row groups of at least this many
   * records.
   */
  public ReadTransactionFiles withSplitRecords(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("split records must be positive, got " + records);
    }
    return new ReadTransactionFiles(
        patterns, charsetName, blockSize, columns, redistribute, spreadBlocks, format, records);
  }

  /** {@code file} as the splits workers read (one, unless it is a Parquet file to split). */
  public List<FileSplit> split(String file) throws IOException {
    return RecordFiles.splits(file, RecordFormat.of(format, file), splitRecords);
  }

  @Override
  public PCollection<RawBlock> expand(PBegin begin) {
    PCollection<RawBlock> blocks =
        matchFiles(begin)
            .apply("SplitIntoRecordBlocks", ParDo.of(new ReadBlocksFn(this)))
            .setCoder(SnappyCoder.of(RawBlock.Coder.of())); // see SnappyCoder: big, compressible
    return redistribute && spreadBlocks
        ? blocks.apply("SpreadBlocks", Reshuffle.viaRandomKey())
        : blocks;
  }

  /**
   * The input files, sorted, as splits (a large Parquet file in runs of row groups; see {@link
   * FileSplit}), spread over workers when redistributing: the first step of {@link #expand}, for a
   * transform that reads the splits with {@link #readFile} itself.
   */
  public PCollection<FileSplit> matchFiles(PBegin begin) {
    if (patterns.isEmpty()) {
      throw new IllegalStateException("ReadTransactionFiles needs from(...)");
    }
    PCollection<FileSplit> files =
        begin
            .apply("ListInputPatterns", Create.of(patterns))
            .apply("MatchFiles", ParDo.of(new MatchFn()))
            .apply("SplitFiles", ParDo.of(new SplitFn(this)))
            .setCoder(SerializableCoder.of(FileSplit.class));
    return redistribute ? files.apply("SpreadFiles", Reshuffle.viaRandomKey()) : files;
  }

  /** Reads one split into blocks of records, handing each to {@code blocks} in order. */
  public void readFile(FileSplit split, Consumer<RawBlock> blocks) throws IOException {
    String file = split.file();
    RecordFormat recordFormat = RecordFormat.of(format, file);
    if (recordFormat.isRecords()) {
      RecordFiles.read(split, recordFormat, columns, blockSize, blocks);
      return;
    }
    Charset charset = Charset.forName(charsetName);
    BlockCollector collector = new BlockCollector(file, charset, blockSize, columns, blocks);
    try (InputStream in = openDecompressed(file)) {
      CsvRecordSplitter.create(charset).split(in, collector);
    }
    collector.flush();
  }

  /** Expands a pattern to its files, sorted; a pattern that matches nothing is an error. */
  static final class MatchFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String pattern, OutputReceiver<String> out) throws IOException {
      MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.DISALLOW);
      List<String> files = new ArrayList<>();
      for (MatchResult.Metadata m : match.metadata()) {
        if (!m.resourceId().isDirectory()) {
          files.add(m.resourceId().toString());
        }
      }
      files.stream().sorted().forEach(out::output);
    }
  }

  /** The default of {@link #withSplitRecords}. */
  static final long SPLIT_RECORDS = 1 << 20;

  /** A file as the splits its workers read (see {@link FileSplit}). */
  static final class SplitFn extends DoFn<String, FileSplit> {
    private final ReadTransactionFiles read;

    SplitFn(ReadTransactionFiles read) {
      this.read = read;
    }

    @ProcessElement
    public void process(@Element String file, OutputReceiver<FileSplit> out) throws IOException {
      read.split(file).forEach(out::output);
    }
  }

  static final class ReadBlocksFn extends DoFn<FileSplit, RawBlock> {
    private final ReadTransactionFiles read;

    ReadBlocksFn(ReadTransactionFiles read) {
      this.read = read;
    }

    @ProcessElement
    public void process(@Element FileSplit split, OutputReceiver<RawBlock> out) throws IOException {
      long start = System.nanoTime();
      read.readFile(split, out::output);
      StageMetrics.timed("read", start);
    }
  }

  /** The bytes of a matched input file, decompressed when its name says it is compressed. */
  static InputStream openDecompressed(String file) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(file).resourceId();
    return Channels.newInputStream(Compression.detect(file).readDecompressed(FileSystems.open(id)));
  }

  /** Takes the first record as the header and groups the rest into blocks, as bytes. */
  static final class BlockCollector implements CsvRecordSplitter.Sink {
    private final String file;
    private final Charset charset;
    private final int blockSize;
    private final ColumnMapping columns;
    private final Consumer<RawBlock> out;
    private String header;
    private int fieldCount;
    private int[] columnIndex;
    private byte[] bytes;
    private int[] offsets;
    private long[] lines;
    private byte[] flags;
    private int n;

    BlockCollector(
        String file,
        Charset charset,
        int blockSize,
        ColumnMapping columns,
        Consumer<RawBlock> out) {
      this.file = file;
      this.charset = charset;
      this.blockSize = blockSize;
      this.columns = columns;
      this.out = out;
    }

    @Override
    public void record(long line, byte[] text, int from, int to, byte flag) {
      if (header == null) {
        header = new String(text, from, to - from, charset);
        List<String> names = new ArrayList<>();
        CsvFields.split(header, names);
        fieldCount = names.size();
        columnIndex = columns.resolve(file, names);
        startBlock();
        return;
      }
      if (n == lines.length) {
        grow();
      }
      int len = to - from;
      int pos = offsets[n];
      if (pos + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, pos + len));
      }
      System.arraycopy(text, from, bytes, pos, len);
      offsets[n + 1] = pos + len;
      lines[n] = line;
      flags[n] = flag;
      n++;
      if (n == blockSize) {
        flush();
        startBlock();
      }
    }

    private void startBlock() {
      int capacity = Math.min(blockSize, 4096);
      bytes = new byte[capacity * 128];
      offsets = new int[capacity + 1];
      lines = new long[capacity];
      flags = new byte[capacity];
      n = 0;
    }

    private void grow() {
      int capacity = Math.min(blockSize, lines.length * 2);
      offsets = Arrays.copyOf(offsets, capacity + 1);
      lines = Arrays.copyOf(lines, capacity);
      flags = Arrays.copyOf(flags, capacity);
    }

    void flush() {
      if (n > 0) {
        StageMetrics.count("rows_read", n); // per block, so a long file shows progress
        out.accept(
            new RawBlock(
                file,
                header,
                fieldCount,
                columnIndex,
                charset,
                Arrays.copyOf(bytes, offsets[n]),
                Arrays.copyOf(offsets, n + 1),
                Arrays.copyOf(lines, n),
                Arrays.copyOf(flags, n)));
        n = 0;
      }
    }
  }
}
