/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet will show it: one that a spreadsheet would run as a formula gets a
 * leading apostrophe, so `=HYPERLINK(…)` is shown as text. Numbers are left alone (a negative
 * score stays a number).
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** csv-stringify's options for every CSV the API writes: header row, text cells neutralised. */
export function safeCsvOptions(columns: string[]) {
  return { header: true, columns, cast: { string: neutraliseCell } };
}
