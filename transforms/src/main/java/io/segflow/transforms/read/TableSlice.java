// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import java.io.Serializable;

/**
 * One part of a database read: the ordered SELECT that returns its rows, the number its first row
 * gets, and what every block of it carries (source name, header, column positions).
 */
record TableSlice(
    String source, String header, int fieldCount, int[] columnIndex, String sql, long firstRow)
    implements Serializable {}
