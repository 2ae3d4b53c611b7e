// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.segflow.transforms.rows.RawBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * A record appended whole ({@link LineBlockBuilder#appendFields}) is the same block, bytes and
 * field ends, as the same fields appended and ended one by one; over several blocks, each larger
 * than the builder's first arrays, so that the arrays grow and the next blocks start at the size
 * the last one took.
 */
public class LineBlockBuilderTest {
  private static final String[] HEADER = {"InvoiceNo", "StockCode", "Description", "Quantity"};
  private static final int PER_BLOCK = 5000;

  /** Record r's fields in their CSV form: quoted text now and then, empty fields, long fields. */
  private static byte[][] fields(int r) {
    String description =
        r % 17 == 0
            ? "\"CUP, \"\"BIG\"\"\""
            : r % 5 == 0 ? "" : "item " + "x".repeat(r % 40) + " Côte";
    String[] texts = {
      r % 97 == 0 ? "" : "5" + r, "S" + (r % 7), description, Integer.toString(r % 11 - 1)
    };
    byte[][] out = new byte[texts.length][];
    for (int c = 0; c < texts.length; c++) {
      out[c] = texts[c].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static List<RawBlock> blocks(boolean whole, int fieldCount, int records) {
    LineBlockBuilder b =
        new LineBlockBuilder("f", String.join(",", HEADER), fieldCount, new int[0], PER_BLOCK);
    List<RawBlock> out = new ArrayList<>();
    for (int r = 0; r < records; r++) {
      byte[][] texts = fields(r);
      if (whole) {
        int length = 0;
        for (byte[] t : texts) {
          length += t.length;
        }
        b.appendFields(texts, length);
      } else {
        for (int c = 0; c < texts.length; c++) {
          if (c > 0) {
            b.append((byte) ',');
          }
          b.append(texts[c], 0, texts[c].length);
          b.endField();
        }
      }
      b.endRecord(r + 1);
      if (b.isFull()) {
        out.add(b.build());
      }
    }
    if (!b.isEmpty()) {
      out.add(b.build());
    }
    return out;
  }

  @Test
  public void aWholeRecordIsTheSameBlockAsItsFieldsOneByOne() {
    List<RawBlock> whole = blocks(true, HEADER.length, 3 * PER_BLOCK + 123);
    List<RawBlock> byField = blocks(false, HEADER.length, 3 * PER_BLOCK + 123);
    assertThat(whole.size(), equalTo(4));
    assertThat(whole, equalTo(byField));
    RawBlock first = whole.get(0);
    // field ends where no field is quoted, and the record split as text where one is
    assertThat(first.hasFieldEnds(1), equalTo(true));
    assertThat(first.fieldEnd(1, 0), equalTo(first.start(1) + 2));
    assertThat(first.text(1), equalTo("51,S1,item x Côte,0"));
    assertThat(first.hasFieldEnds(17), equalTo(false));
    assertThat(first.text(17), equalTo("517,S3,\"CUP, \"\"BIG\"\"\",5"));
    assertThat(whole.get(3).text(122), equalTo(byField.get(3).text(122)));
  }

  @Test
  public void withoutFieldCountsOnlyTheTextIsKept() {
    List<RawBlock> whole = blocks(true, 0, PER_BLOCK + 1);
    assertThat(whole, equalTo(blocks(false, 0, PER_BLOCK + 1)));
    assertThat(whole.get(0).hasFieldEnds(1), equalTo(false));
    assertThat(whole.get(1).text(0), equalTo("55000,S2,,5"));
  }

  @Test
  public void aRecordWithTooFewFieldsIsSplitAsText() {
    LineBlockBuilder b = new LineBlockBuilder("f", "a,b,c", 3, new int[0], 4);
    byte[][] two = {"x".getBytes(StandardCharsets.UTF_8), "y".getBytes(StandardCharsets.UTF_8)};
    b.appendFields(two, 2);
    b.endRecord(1);
    byte[][] three = {two[0], two[1], "z".getBytes(StandardCharsets.UTF_8)};
    b.appendFields(three, 3);
    b.endRecord(2);
    RawBlock block = b.build();
    assertThat(block.hasFieldEnds(0), equalTo(false));
    assertThat(block.text(0), equalTo("x,y"));
    assertThat(block.hasFieldEnds(1), equalTo(true));
    assertThat(block.fieldEnd(1, 2), equalTo(block.start(1) + 5));
    assertThat(block.text(1), equalTo("x,y,z"));
  }
}
