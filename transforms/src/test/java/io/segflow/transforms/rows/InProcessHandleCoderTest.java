// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class InProcessHandleCoderTest {
  private static final TransactionBlock BLOCK =
      Fixtures.rows(
          "/data/a.csv",
          "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
          "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom");

  @Test
  public void aCopyThroughTheCoderIsTheSameObject() throws CoderException {
    Coder<TransactionBlock> coder = InProcessHandleCoder.of();
    byte[] handle = CoderUtils.encodeToByteArray(coder, BLOCK);
    assertThat(handle.length, is(8));
    assertThat(CoderUtils.decodeFromByteArray(coder, handle), sameInstance(BLOCK));
    assertThat(CoderUtils.clone(coder, BLOCK), sameInstance(BLOCK));
  }

  @Test
  public void aHandleFromElsewhereIsAnErrorThatSaysWhy() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DataOutputStream(bytes).writeLong(-42L); // never issued
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> CoderUtils.decodeFromByteArray(InProcessHandleCoder.of(), bytes.toByteArray()));
    assertThat(
        e.getMessage(),
        containsString(
            "only works on a runner that keeps all values in " + "one JVM (the DirectRunner)"));
  }

  @Test
  public void eachEncodingGivesBackAnEqualValue() throws CoderException {
    for (ShuffleEncoding encoding : ShuffleEncoding.values()) {
      Coder<TransactionBlock> coder = encoding.coder(TransactionBlock.Coder.of());
      assertThat(encoding.name(), CoderUtils.clone(coder, BLOCK), is(BLOCK));
    }
    assertThat(
        ShuffleEncoding.COMPRESSED.coder(TransactionBlock.Coder.of()),
        instanceOf(SnappyCoder.class));
    assertThat(ShuffleEncoding.forRunner(true), is(ShuffleEncoding.IN_PROCESS));
    assertThat(ShuffleEncoding.forRunner(false), is(ShuffleEncoding.COMPRESSED));
  }
}
