// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A list of Avro records as one byte array: the records' binary encodings, one after another.
 *
 * <p>Why: the engine copies shuffled values through their coder (the DirectRunner copies a
 * grouping's value bag on every bundle that adds to it). A list coder of {@code AvroCoder}s reads
 * and writes every field through an unbuffered stream; a byte array is copied in one go, and the
 * records are encoded and decoded once each, with buffered Avro codecs.
 */
final class AvroBytes<T extends SpecificRecord> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Class<T> type;
  private transient SpecificDatumWriter<T> writer;
  private transient SpecificDatumReader<T> reader;

  private AvroBytes(Class<T> type) {
    this.type = type;
  }

  static <T extends SpecificRecord> AvroBytes<T> of(Class<T> type) {
    return new AvroBytes<>(type);
  }

  byte[] encode(List<T> records) {
    if (writer == null) {
      writer = new SpecificDatumWriter<>(SpecificData.get().getSchema(type));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + records.size() * 128);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      for (T r : records) {
        writer.write(r, encoder);
      }
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a record that does not fit its own schema
    }
    return bytes.toByteArray();
  }

  List<T> decode(byte[] bytes) {
    if (reader == null) {
      reader = new SpecificDatumReader<>(type);
    }
    List<T> records = new ArrayList<>();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    try {
      while (!decoder.isEnd()) {
        records.add(reader.read(null, decoder));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // bytes this class did not write
    }
    return records;
  }
}
