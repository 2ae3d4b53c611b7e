// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.xerial.snappy.Snappy;

/**
 * Another coder's bytes compressed with Snappy, for the large block elements. Runners that
 * serialise elements to move or keep them (Flink writes its shuffles to disk, and materialises a
 * branch of the graph there when it must) then write about a third of the bytes of a block of CSV
 * rows, at hundreds of MB/s. The DirectRunner passes a ParDo's output on as objects and only
 * encodes for grouping, so give the grouping a plain coder there.
 */
public final class SnappyCoder<T> extends StructuredCoder<T> {
  private final Coder<T> inner;

  private SnappyCoder(Coder<T> inner) {
    this.inner = inner;
  }

  public static <T> SnappyCoder<T> of(Coder<T> inner) {
    return new SnappyCoder<>(inner);
  }

  @Override
  public void encode(T value, OutputStream os) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream(8192);
    inner.encode(value, plain);
    byte[] packed = Snappy.compress(plain.toByteArray());
    DataOutputStream out = new DataOutputStream(os);
    out.writeInt(packed.length);
    out.write(packed);
    out.flush();
  }

  @Override
  public T decode(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(is);
    byte[] packed = new byte[in.readInt()];
    in.readFully(packed);
    return inner.decode(new ByteArrayInputStream(Snappy.uncompress(packed)));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(inner);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    inner.verifyDeterministic();
  }
}
