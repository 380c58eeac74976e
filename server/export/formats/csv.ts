/**
 * RFC 4180 CSV: CRLF between records; a field is quoted when it holds a double quote (doubled),
 * a comma, a line break, or a semicolon (spreadsheets in many locales split on semicolons) or
 * starts or ends with a space (some readers trim). Values are written as they are, never altered.
 */

const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/** A null becomes an empty field; an empty string is quoted, so the two stay apart. */
export function csvField(value: string | null): string {
  if (value === null) return "";
  if (value === "") return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvRecord = (fields: readonly (string | null)[]) => fields.map(csvField).join(",") + "\r\n";
