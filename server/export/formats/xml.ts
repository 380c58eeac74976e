/**
 * Escaping for the XML writers (GEXF, GraphML). XML 1.0 cannot carry some characters at all, not
 * even as character references: C0 controls other than tab, newline and carriage return, U+FFFE,
 * U+FFFF and unpaired surrogates. They become U+FFFD, the replacement character, so the file stays
 * well-formed; sources are published text, where such characters do not occur.
 */

const ILLEGAL_IN_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// eslint-disable-next-line no-control-regex
const MAY_HOLD_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
const legal = (value: string) =>
  MAY_HOLD_ILLEGAL.test(value) ? value.replace(ILLEGAL_IN_XML, "\uFFFD") : value;

/** Anything an attribute value needs rewritten: markup, quotes, and whitespace that parsers normalise. */
// eslint-disable-next-line no-control-regex
const NEEDS_ATTRIBUTE_ESCAPE = /[&<>"\t\n\r\u0000-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const NEEDS_TEXT_ESCAPE = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

const ATTRIBUTE_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  // Parsers turn raw tabs and line breaks in attributes into spaces; references survive.
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

const TEXT_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  // A raw CR would be folded into the following LF by end-of-line handling.
  "\r": "&#13;",
};

/** An attribute value, for use inside double quotes. */
export function xmlAttribute(value: string): string {
  if (!NEEDS_ATTRIBUTE_ESCAPE.test(value)) return value;
  return legal(value).replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ENTITIES[c]!);
}

/** Character data between tags. */
export function xmlText(value: string): string {
  if (!NEEDS_TEXT_ESCAPE.test(value)) return value;
  return legal(value).replace(/[&<>\r]/g, (c) => TEXT_ENTITIES[c]!);
}

/** `name="value"` pairs for a start tag, skipping null values. */
export function xmlAttributes(pairs: Record<string, string | null | undefined>): string {
  let out = "";
  for (const [name, value] of Object.entries(pairs)) {
    if (value !== null && value !== undefined) out += ` ${name}="${xmlAttribute(value)}"`;
  }
  return out;
}
