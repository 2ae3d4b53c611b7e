// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static io.segflow.transforms.Fixtures.seconds;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class InvoiceDateParserTest {
  private static final long INVALID = InvoiceDateParser.INVALID;

  private static long auto(String text) {
    return InvoiceDateParser.forPattern("auto").parse(text);
  }

  @Test
  public void countsSecondsOnTheInputsOwnWallClock() {
    // 2010-12-01 is day 14,944 after 1970-01-01 (40 years with 10 leap days, then Jan..Nov 2010:
    // 334 days): 14,944 x 86,400 + 8 h 26 min.
    assertThat(auto("2010-12-01 08:26:00"), is(14_944L * 86_400 + 8 * 3600 + 26 * 60));
    assertThat(auto("1970-01-02 00:00:01"), is(86_401L));
    assertThat(auto("1970-01-01 00:00"), is(0L));
  }

  @Test
  public void autoReadsIsoDatesWithOrWithoutSecondsAndWithAT() {
    long expected = seconds("2010-12-01T08:26:00");
    assertThat(auto("2010-12-01 08:26:00"), is(expected));
    assertThat(auto("2010-12-01 08:26"), is(expected));
    assertThat(auto("2010-12-01T08:26:00"), is(expected));
    assertThat(auto("2010-12-01T08:26"), is(expected));
    assertThat(auto("2010-12-01 8:26"), is(expected));
    assertThat(auto(" 2010-12-01 08:26 "), is(expected));
    assertThat(auto("2010-12-01 08:26:59"), is(expected + 59));
    assertThat(auto("2010-12-01"), is(seconds("2010-12-01T00:00")));
  }

  @Test
  public void autoReadsMonthFirstDatesAsInTheOriginalExport() {
    assertThat(auto("12/1/2010 8:26"), is(seconds("2010-12-01T08:26")));
    assertThat(auto("12/01/2010 08:26"), is(seconds("2010-12-01T08:26")));
    assertThat(auto("12/1/2010 8:26:30"), is(seconds("2010-12-01T08:26:30")));
    assertThat(auto("1/12/2011 17:05"), is(seconds("2011-01-12T17:05")));
    assertThat(auto("12/9/2011"), is(seconds("2011-12-09T00:00")));
  }

  @Test
  public void autoRejectsDatesThatDoNotExist() {
    assertThat(auto("2011-02-30 10:00"), is(INVALID));
    assertThat(auto("2011-02-29 10:00"), is(INVALID)); // 2011 is not a leap year
    assertThat(auto("2012-02-29 10:00"), is(seconds("2012-02-29T10:00")));
    assertThat(auto("2/30/2011 10:00"), is(INVALID));
    assertThat(auto("13/1/2011 10:00"), is(INVALID)); // day-first needs a pattern
    assertThat(auto("2011-13-01 10:00"), is(INVALID));
    assertThat(auto("2011-12-01 24:00"), is(INVALID));
    assertThat(auto("2011-12-01 10:60"), is(INVALID));
    assertThat(auto("2011-12-01 10:00:60"), is(INVALID));
  }

  @Test
  public void autoRejectsGarbage() {
    for (String text :
        new String[] {
          "",
          "   ",
          "hello",
          "2011-12-01 10",
          "2011-12-01 10:00 PM",
          "01.12.2011 10:00",
          "2011/12/01 10:00",
          "2011-12-01x10:00",
          "12/1",
          "12/1/2010 8",
          "-2011-12-01",
          "2011-1a-01",
          "NaN",
          "2011-12-01Z"
        }) {
      assertThat("'" + text + "'", auto(text), is(INVALID));
    }
  }

  @Test
  public void autoRejectsTextAfterTheSecondsThatIsNotAFractionOrAnOffset() {
    // AM/PM, a seventh number or a malformed zone must give INVALID, not an exception: an
    // exception escapes TransactionParser and fails the whole pipeline.
    for (String text :
        new String[] {
          "12/1/2010 8:26:00 AM",
          "2011-12-01 10:00:00:00",
          "2011-12-01T10:00:00+25:00",
          "2011-12-01T10:00:00+1",
          "2011-12-01T10:00:00.12x",
          "2011-12-01+01:00",
          "2011-12-01T10:00:00 UTC"
        }) {
      assertThat("'" + text + "'", auto(text), is(INVALID));
    }
  }

  @Test
  public void autoReadsIsoInstantsOntoTheInputTimeZone() {
    assertThat(auto("2010-12-01T08:26:00Z"), is(seconds("2010-12-01T08:26")));
    assertThat(auto("2010-12-01T08:26:00.250Z"), is(seconds("2010-12-01T08:26")));
    assertThat(auto("2010-12-01 08:26:00.000"), is(seconds("2010-12-01T08:26")));
    assertThat(auto("2010-12-01T08:26:00+01:00"), is(seconds("2010-12-01T07:26")));
    assertThat(auto("2010-12-01T08:26-0500"), is(seconds("2010-12-01T13:26")));
    InvoiceDateParser newYork =
        InvoiceDateParser.forPattern("auto", java.time.ZoneId.of("America/New_York"));
    // 03:31 UTC on 1 March is still 28 February in New York (UTC-5): recency counts that day
    assertThat(newYork.parse("2017-03-01T03:31:57Z"), is(seconds("2017-02-28T22:31:57")));
    // a value without an offset is taken as written
    assertThat(newYork.parse("2017-03-01 03:31:57"), is(seconds("2017-03-01T03:31:57")));
  }

  @Test
  public void autoReadsCompactDatesAndNamedFormatsReadUnixTimes() {
    assertThat(auto("19970101"), is(seconds("1997-01-01T00:00")));
    assertThat(auto("19971301"), is(INVALID));
    assertThat(
        InvoiceDateParser.forPattern("yyyyMMdd").parse("19980630"),
        is(seconds("1998-06-30T00:00")));
    InvoiceDateParser epochSeconds = InvoiceDateParser.forPattern("epoch_seconds");
    assertThat(epochSeconds.parse("1291191960"), is(seconds("2010-12-01T08:26")));
    assertThat(epochSeconds.parse("12.5"), is(INVALID));
    assertThat(epochSeconds.parse("-5"), is(INVALID));
    InvoiceDateParser millis =
        InvoiceDateParser.forPattern("epoch-millis", java.time.ZoneId.of("Europe/London"));
    // 2011-06-01T08:26Z is 09:26 in London (BST)
    assertThat(millis.parse("1306916760000"), is(seconds("2011-06-01T09:26")));
    InvoiceDateParser.validatePattern("epoch_millis");
  }

  @Test
  public void dayFirstAutoReadsSlashDatesDayFirst() {
    InvoiceDateParser dayFirst = InvoiceDateParser.forPattern(InvoiceDateParser.AUTO_DAY_FIRST);
    assertThat(dayFirst.parse("01/12/2010 08:26"), is(seconds("2010-12-01T08:26")));
    assertThat(dayFirst.parse("13/1/2011"), is(seconds("2011-01-13T00:00")));
    assertThat(dayFirst.parse("1/13/2011"), is(INVALID));
    assertThat(dayFirst.parse("2010-12-01 08:26"), is(seconds("2010-12-01T08:26")));
  }

  @Test
  public void anExplicitPatternReadsDayFirstDates() {
    InvoiceDateParser dayFirst = InvoiceDateParser.forPattern("d/M/yyyy H:mm");
    assertThat(dayFirst.parse("1/12/2010 8:26"), is(seconds("2010-12-01T08:26")));
    assertThat(dayFirst.parse("13/1/2011 9:05"), is(seconds("2011-01-13T09:05")));
    assertThat(auto("1/12/2010 8:26"), is(seconds("2010-01-12T08:26"))); // auto is month-first
    assertThat(dayFirst.parse("2010-12-01 08:26"), is(INVALID));
    assertThat(dayFirst.parse("1/12/2010 8:26:00"), is(INVALID));
    assertThat(dayFirst.parse("garbage"), is(INVALID));
  }

  @Test
  public void anExplicitDateOnlyPatternGivesMidnight() {
    assertThat(
        InvoiceDateParser.forPattern("dd.MM.yyyy").parse("09.12.2011"),
        is(seconds("2011-12-09T00:00")));
  }

  @Test
  public void anExplicitPatternRejectsDatesThatDoNotExist() {
    InvoiceDateParser dayFirst = InvoiceDateParser.forPattern("d/M/yyyy H:mm");
    assertThat(dayFirst.parse("30/2/2011 8:26"), is(INVALID));
    assertThat(dayFirst.parse("31/4/2011 8:26"), is(INVALID));
    assertThat(dayFirst.parse("32/1/2011 8:26"), is(INVALID));
  }

  @Test
  public void nullBlankAndAutoAllMeanDetect() {
    for (String pattern : new String[] {null, "", " ", "auto", "AUTO"}) {
      assertThat(
          InvoiceDateParser.forPattern(pattern).parse("12/1/2010 8:26"),
          is(seconds("2010-12-01T08:26")));
      InvoiceDateParser.validatePattern(pattern); // does not throw
    }
  }

  @Test
  public void validatePatternNamesAnInvalidPattern() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InvoiceDateParser.validatePattern("yyyy-MM-dd'T"));
    assertThat(e.getMessage(), containsString("yyyy-MM-dd'T"));
    assertThrows(IllegalArgumentException.class, () -> InvoiceDateParser.validatePattern("{d}"));
  }

  @Test
  public void theCacheOfTheLastValueDoesNotLeakIntoOtherValues() {
    InvoiceDateParser p = InvoiceDateParser.forPattern("auto");
    assertThat(p.parse("2010-12-01 08:26"), is(seconds("2010-12-01T08:26")));
    assertThat(p.parse("2010-12-01 08:26"), is(seconds("2010-12-01T08:26")));
    assertThat(p.parse("2011-02-30 08:26"), is(INVALID));
    assertThat(p.parse("2011-02-30 08:26"), is(INVALID));
    assertThat(p.parse("2010-12-01 08:28"), is(seconds("2010-12-01T08:28")));
    assertThat(p.parse("2010-12-01 08:26"), is(seconds("2010-12-01T08:26")));
  }
}
