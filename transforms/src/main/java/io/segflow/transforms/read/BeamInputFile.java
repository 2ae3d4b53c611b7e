// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} opened through Beam's {@link FileSystems}, so that any path Beam
 * reads (local, gs://, s3://) is read without Hadoop's file systems.
 */
final class BeamInputFile implements InputFile {
  private final String path;

  BeamInputFile(String path) {
    this.path = path;
  }

  private SeekableByteChannel channel() throws IOException {
    var ch = FileSystems.open(FileSystems.matchNewResource(path, false));
    if (!(ch instanceof SeekableByteChannel seekable)) {
      ch.close();
      throw new IOException(path + " cannot be read at random positions, which Parquet needs");
    }
    return seekable;
  }

  @Override
  public long getLength() throws IOException {
    try (SeekableByteChannel ch = channel()) {
      return ch.size();
    }
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    SeekableByteChannel ch = channel();
    return new DelegatingSeekableInputStream(Channels.newInputStream(ch)) {
      @Override
      public long getPos() throws IOException {
        return ch.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        ch.position(newPos);
      }

      @Override
      public int read(ByteBuffer buf) throws IOException {
        return ch.read(buf);
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  @Override
  public String toString() {
    return path;
  }
}
