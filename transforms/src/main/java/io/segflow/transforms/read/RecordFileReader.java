// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the records of one Parquet file (through parquet-avro) or Avro container file (through
 * Avro's own reader) as Avro {@link GenericRecord}s, in file order, with the file's schema.
 */
abstract class RecordFileReader implements AutoCloseable {
  /** The records' schema: for Parquet, the Avro schema parquet-avro gives the file's columns. */
  abstract Schema schema();

  /** The next record, or null at the end of the file. */
  abstract GenericRecord next() throws IOException;

  @Override
  public abstract void close() throws IOException;

  static RecordFileReader open(String path, RecordFormat format) throws IOException {
    return open(FileSplit.whole(path), format);
  }

  /** A reader of {@code split}'s records (a Parquet file's split: its row groups only). */
  static RecordFileReader open(FileSplit split, RecordFormat format) throws IOException {
    return switch (format) {
      case PARQUET -> new Parquet(split);
      case AVRO -> {
        if (!split.isWhole()) {
          throw new IllegalArgumentException("an Avro file is read whole: " + split);
        }
        yield new Avro(split.file());
      }
      case CSV -> throw new IllegalArgumentException(split.file() + " is CSV, not a record file");
    };
  }

  /** The Avro schema parquet-avro gives a Parquet file of {@code schema}, and reads it with. */
  static Schema avroSchema(MessageType schema) {
    return new AvroSchemaConverter(parquetConf()).convert(schema);
  }

  /** How Parquet files are read, with parquet-avro and without. */
  static Configuration parquetConf() {
    Configuration conf = new Configuration(false);
    // Legacy INT96 timestamps (older Spark and Impala files) as their 12 bytes, read in RecordText.
    conf.setBoolean("parquet.avro.readInt96AsFixed", true);
    conf.setBoolean(AvroReadSupport.AVRO_COMPATIBILITY, false);
    return conf;
  }

  private static final class Parquet extends RecordFileReader {
    private final ParquetReader<GenericRecord> reader;
    private final Schema schema;

    Parquet(FileSplit split) throws IOException {
      BeamInputFile file = new BeamInputFile(split.file());
      Configuration conf = parquetConf();
      try (ParquetFileReader footer = ParquetFileReader.open(file)) {
        schema = avroSchema(footer.getFooter().getFileMetaData().getSchema());
      }
      var builder = AvroParquetReader.<GenericRecord>builder(file).withConf(conf);
      if (!split.isWhole()) {
        // the row groups whose middle lies in the range: exactly the split's
        builder = builder.withFileRange(split.startByte(), split.endByte());
      }
      reader = builder.build();
    }

    @Override
    Schema schema() {
      return schema;
    }

    @Override
    GenericRecord next() throws IOException {
      return reader.read();
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  private static final class Avro extends RecordFileReader {
    private final DataFileStream<GenericRecord> stream;

    Avro(String path) throws IOException {
      InputStream in =
          Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false)));
      try {
        stream = new DataFileStream<>(in, new GenericDatumReader<>());
      } catch (IOException e) {
        in.close();
        throw e;
      }
    }

    @Override
    Schema schema() {
      return stream.getSchema();
    }

    @Override
    GenericRecord next() {
      return stream.hasNext() ? stream.next() : null;
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }
}
