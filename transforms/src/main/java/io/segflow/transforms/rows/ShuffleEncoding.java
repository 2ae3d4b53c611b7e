// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import org.apache.beam.sdk.coders.Coder;

/** How large shuffled values (blocks, summaries, sorted runs) are encoded. */
public enum ShuffleEncoding {
  /** As handles to the objects ({@link InProcessHandleCoder}): the DirectRunner only. */
  IN_PROCESS,
  /** With the value's own coder. */
  PLAIN,
  /**
   * With the value's own coder, then Snappy ({@link SnappyCoder}): for runners that spill to disk.
   */
  COMPRESSED;

  /** The coder for values whose own coder is {@code plain}. */
  public <T> Coder<T> coder(Coder<T> plain) {
    return switch (this) {
      case IN_PROCESS -> InProcessHandleCoder.of();
      case PLAIN -> plain;
      case COMPRESSED -> SnappyCoder.of(plain);
    };
  }

  /** IN_PROCESS on the DirectRunner, COMPRESSED elsewhere. */
  public static ShuffleEncoding forRunner(boolean directRunner) {
    return directRunner ? IN_PROCESS : COMPRESSED;
  }
}
