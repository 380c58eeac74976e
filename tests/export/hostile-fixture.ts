import { makeGraphData } from "../helpers/fixture.ts";

/**
 * A graph-data folder whose labels, aliases, descriptions and quotes hold everything that breaks
 * naive writers: double quotes, ampersands, angle brackets, commas, semicolons, tabs, LF and CRLF
 * line breaks, Armenian, Azerbaijani and Cyrillic letters, and one control character that XML 1.0
 * cannot carry at all.
 */

export const SOURCE_ONE =
  'Հայաստան & Azərbaycan said "peace <now>"; Россия, too.\nSecond line: ğ ı ş; a, b & c <d> "e".';
export const SOURCE_TWO = 'Tab\there, CR\r\nLF; "quoted" & <tagged> Հայաստան.';

export const QUOTE_ONE = 'Հայաստան & Azərbaycan said "peace <now>"; Россия, too.\nSecond line';
export const QUOTE_TWO = SOURCE_TWO;
export const QUOTE_WELCOMED = "Россия, too.";

export const ARMENIA_LABEL = 'Հայաստան "Armenia" & <AM>; one, two';
export const ARMENIA_ALIASES = ["Azərbaycan; ğ ı ş", 'Россия, "RU"', "line one\nline two", "a & b <c> 'd'"];
/** U+0001 is legal in JSON, CSV and Cypher (escaped), and impossible in XML 1.0. */
export const ARMENIA_DESCRIPTION = 'State; "quoted" & <tagged>, a control character \u0001 here.';
export const AZERBAIJAN_LABEL = 'Azərbaycan <AZ> & ğ ı ş, "Bakı"';
export const STATEMENT_LABEL = 'Joint "statement"\r\nof peace; Baku & Yerevan <2023>';
export const URL_ONE = "https://example.org/news?id=1&lang=hy";

const yamlString = (value: string) => JSON.stringify(value); // JSON strings are YAML double-quoted scalars

export function makeHostileGraphData(): Promise<string> {
  return makeGraphData({
    "sources/demo.yaml": null,
    "sources/demo.txt": null,
    "claims/demo.yaml": null,
    "sources/hostile-one.yaml": [
      'title: "Hostile, \\"quoted\\" & <tagged>; one"',
      "outlet: null",
      `url: ${yamlString(URL_ONE)}`,
      "published: 2023-12-29",
      "author: null",
      "language: hy",
      "added: 2026-11-22",
    ].join("\n"),
    "sources/hostile-one.txt": SOURCE_ONE,
    "sources/hostile-two.yaml": [
      "title: Second hostile source",
      "outlet: null",
      "url: null",
      "published: null",
      "author: null",
      "language: az",
      "added: 2026-11-21",
    ].join("\n"),
    "sources/hostile-two.txt": SOURCE_TWO,
    "entities/actors.yaml": [
      "hayastan:",
      `  label: ${yamlString(ARMENIA_LABEL)}`,
      "  type: state",
      `  aliases: [${ARMENIA_ALIASES.map(yamlString).join(", ")}]`,
      `  description: ${yamlString(ARMENIA_DESCRIPTION)}`,
      "  wikidata: Q399",
      "  cameo: ARM",
      "azerbaycan:",
      `  label: ${yamlString(AZERBAIJAN_LABEL)}`,
      "  type: state",
      `  description: ${yamlString("Россия; Հայաստան")}`,
    ].join("\n"),
    "entities/events.yaml": [
      "joint-statement:",
      `  label: ${yamlString(STATEMENT_LABEL)}`,
      "  type: joint_statement",
      `  description: ${yamlString('A statement, with <markup> & "quotes".')}`,
    ].join("\n"),
    "claims/hostile-one.yaml": [
      "source: hostile-one",
      "defaults:",
      "  confidence: 0.9",
      "claims:",
      "  one-issued:",
      "    subject: hayastan",
      "    relation: ISSUED",
      "    object: joint-statement",
      `    quote: ${yamlString(QUOTE_ONE)}`,
      "  one-welcomed:",
      "    subject: azerbaycan",
      "    relation: WELCOMED",
      "    object: joint-statement",
      `    quote: ${yamlString(QUOTE_WELCOMED)}`,
      "  one-date:",
      "    subject: joint-statement",
      "    property: date",
      "    value: 2023-12-07",
      `    quote: ${yamlString("peace <now>")}`,
    ].join("\n"),
    "claims/hostile-two.yaml": [
      "source: hostile-two",
      "claims:",
      "  two-issued:",
      "    subject: hayastan",
      "    relation: ISSUED",
      "    object: joint-statement",
      "    confidence: 0.75",
      `    quote: ${yamlString(QUOTE_TWO)}`,
      // Every modality but negated travels through every format: an announced claim joining an
      // asserted relation, and a hedged relation of its own.
      "  two-welcomed:",
      "    subject: azerbaycan",
      "    relation: WELCOMED",
      "    object: joint-statement",
      "    modality: announced",
      `    quote: ${yamlString("Հայաստան.")}`,
      "  two-hedged:",
      "    subject: hayastan",
      "    relation: WELCOMED",
      "    object: joint-statement",
      "    modality: hedged",
      `    quote: ${yamlString('"quoted" & <tagged>')}`,
    ].join("\n"),
  });
}
