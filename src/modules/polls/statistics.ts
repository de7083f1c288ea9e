/**
 * The figures of poll results: shares, margins of error and the suppression of small cells.
 * Pure; the counts come from the tallies.
 */

/** The 97.5th percentile of the standard normal distribution: two-sided 95% confidence. */
export const Z95 = 1.959963984540054;

/** A count as a percentage of its base; null when nobody is in the base. */
export const percentOf = (count: number, base: number): number | null => (base > 0 ? (100 * count) / base : null);

/**
 * Half the width of the 95% confidence interval of a proportion p from n answers of a simple
 * random sample, in percentage points. When the sample was drawn without replacement from a
 * population of N, the finite population correction √((N−n)/(N−1)) applies: asking everyone
 * leaves no sampling error. p = 0.5 gives the largest margin, the one quoted for a whole poll.
 */
export function marginOfError(n: number, p = 0.5, population?: number | null): number | null {
  if (n <= 0 || p < 0 || p > 1) return null;
  const fpc = population && population > 1 ? Math.sqrt(Math.max(0, population - n) / (population - 1)) : 1;
  return 100 * Z95 * Math.sqrt((p * (1 - p)) / n) * fpc;
}

/**
 * Which cells of a table must be hidden so that no group of fewer than `minimum` people can be
 * singled out. Each row is one group: its first cell is the group's total (respondents), the
 * others its counts per answer. Rules:
 *  1. a group smaller than the minimum is hidden whole;
 *  2. a count between 1 and minimum − 1 is hidden (zeros are shown: they single nobody out);
 *  3. complementary suppression: where the hidden counts of a row or of a column add up to less
 *     than the minimum, the total minus the visible counts would give them away, so the smallest
 *     visible non-zero count of that row or column is hidden too, until the hidden ones reach the
 *     minimum or nothing is left to hide.
 * Returns the mask (true = hidden), same shape as the table.
 */
export function suppressionMask(table: number[][], minimum: number): boolean[][] {
  const hidden = table.map((row) => row.map(() => false));
  if (minimum <= 1) return hidden;
  const hideRow = (r: number) => hidden[r]!.fill(true);
  table.forEach((row, r) => {
    if (row[0]! > 0 && row[0]! < minimum) hideRow(r);
    row.forEach((n, c) => {
      if (c > 0 && n > 0 && n < minimum) hidden[r]![c] = true;
    });
  });

  /** Hides one more cell among `cells` when the hidden ones there are too few; true if it did. */
  const complete = (cells: [number, number][]): boolean => {
    let sum = 0;
    let any = false;
    let smallest: [number, number] | null = null;
    for (const [r, c] of cells) {
      const n = table[r]![c]!;
      if (hidden[r]![c]) {
        any = true;
        sum += n;
      } else if (n > 0 && (!smallest || n < table[smallest[0]]![smallest[1]]!)) smallest = [r, c];
    }
    if (!any || sum >= minimum || !smallest) return false;
    if (smallest[1] === 0) hideRow(smallest[0]);
    else hidden[smallest[0]]![smallest[1]] = true;
    return true;
  };

  const columns = Math.max(0, ...table.map((row) => row.length));
  for (let changed = true; changed; ) {
    changed = false;
    table.forEach((row, r) => {
      if (!hidden[r]![0]) changed = complete(row.slice(1).map((_, i) => [r, i + 1])) || changed;
    });
    for (let c = 0; c < columns; c++) changed = complete(table.flatMap((row, r) => (c < row.length ? [[r, c] as [number, number]] : []))) || changed;
  }
  return hidden;
}
