// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** A deterministic coder for {@code double[]} (Beam has none; Java serialization is slow). */
public final class DoubleArrayCoder extends AtomicCoder<double[]> {
  private static final DoubleArrayCoder INSTANCE = new DoubleArrayCoder();

  public static DoubleArrayCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(double[] value, OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    out.writeInt(value.length);
    BinaryIo.writeDoubles(out, value, value.length);
    out.flush();
  }

  @Override
  public double[] decode(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(is);
    return BinaryIo.readDoubles(in, in.readInt());
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return false;
  }
}
