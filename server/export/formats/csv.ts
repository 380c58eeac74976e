/**
 * RFC 4180 CSV: CRLF between records; a field is quoted when it holds a double quote (doubled),
 * a comma, a line break, or a semicolon (spreadsheets in many locales split on semicolons) or
 * starts or ends with a space (some readers trim).
 *
 * Formula neutralisation (OWASP's advice against CSV injection): a spreadsheet runs a cell that
 * starts with =, +, -, @, a tab or a carriage return as a formula, and text from news articles is
 * not to be trusted that far. Such a text cell gets a leading single quote, which spreadsheets show
 * as text and do not display. So that the rule can be undone exactly, a cell that already starts
 * with quotes followed by one of those characters gets one more. Numbers are written as they are:
 * -12.5 is a number, not a formula, and must stay one.
 */

const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet (see above). */
export const spreadsheetSafe = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** The inverse of spreadsheetSafe, for readers that want the original text back. */
export const restoreSpreadsheetText = (cell: string) =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

/** A null becomes an empty field; an empty string is quoted, so the two stay apart. */
export function csvField(value: string | null): string {
  if (value === null) return "";
  if (value === "") return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvRecord = (fields: readonly (string | null)[]) => fields.map(csvField).join(",") + "\r\n";
