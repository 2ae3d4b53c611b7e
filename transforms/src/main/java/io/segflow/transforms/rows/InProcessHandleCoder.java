// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * Encodes a value as a handle to the object itself, for a runner that keeps every value in one JVM:
 * the DirectRunner. Only for large immutable values that it would otherwise copy over and over: its
 * grouping state copies a key's whole bag of values through their coder each time another bundle
 * adds to the key, so grouping a few gigabytes of block summaries from many bundles meant
 * re-encoding and re-decoding gigabytes several times (25 s of a 50M-row run, and 40 s for the
 * customers' sorted runs). A handle is eight bytes.
 *
 * <p>Never use it where values leave the JVM (Flink, any remote runner): decoding fails there, with
 * a message saying so. Handles are weak: the coder does not keep a value alive.
 */
public final class InProcessHandleCoder<T> extends AtomicCoder<T> {
  private static final Map<Long, WeakReference<Object>> HANDLES = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT = new AtomicLong();
  private static final InProcessHandleCoder<?> INSTANCE = new InProcessHandleCoder<>();

  private InProcessHandleCoder() {}

  @SuppressWarnings("unchecked")
  public static <T> InProcessHandleCoder<T> of() {
    return (InProcessHandleCoder<T>) INSTANCE;
  }

  @Override
  public void encode(T value, OutputStream os) throws IOException {
    long id = NEXT.incrementAndGet();
    if ((id & 0xFFF) == 0) {
      HANDLES.values().removeIf(ref -> ref.get() == null); // forget collected values now and then
    }
    HANDLES.put(id, new WeakReference<>(value));
    DataOutputStream out = new DataOutputStream(os);
    out.writeLong(id);
    out.flush();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T decode(InputStream is) throws IOException {
    long id = new DataInputStream(is).readLong();
    WeakReference<Object> ref = HANDLES.get(id);
    Object value = ref == null ? null : ref.get();
    if (value == null) {
      throw new CoderException(
          "value "
              + id
              + " is not in this JVM: InProcessHandleCoder only "
              + "works on a runner that keeps all values in one JVM (the DirectRunner)");
    }
    return (T) value;
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "a handle depends on when the value was encoded");
  }
}
