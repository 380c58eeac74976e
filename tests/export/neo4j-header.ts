/**
 * Neo4j's CSV header grammar for neo4j-admin import, as its manual states it: each field is
 * `name:type`, where type is a property type (optionally an array, `[]`) or one of the special
 * fields ID, START_ID, END_ID, TYPE, LABEL, IGNORE; ID fields may name an id group in parentheses.
 * A small parser with one regex per field, so the export tests check headers against the grammar
 * rather than against our own writer.
 */

export const NEO4J_PROPERTY_TYPES = [
  "int",
  "long",
  "float",
  "double",
  "boolean",
  "byte",
  "short",
  "char",
  "string",
  "point",
  "date",
  "localtime",
  "time",
  "localdatetime",
  "datetime",
  "duration",
] as const;

const FIELD = new RegExp(
  "^(?<name>[^:()]*)" +
    `(?::(?:(?<special>ID|START_ID|END_ID|TYPE|LABEL|IGNORE)|(?<type>${NEO4J_PROPERTY_TYPES.join("|")})(?<array>\\[\\])?))?` +
    "(?:\\((?<group>[^()]+)\\))?$",
);

export interface HeaderField {
  name: string;
  special?: "ID" | "START_ID" | "END_ID" | "TYPE" | "LABEL" | "IGNORE";
  type?: (typeof NEO4J_PROPERTY_TYPES)[number];
  array: boolean;
  group?: string;
}

export function parseHeaderField(text: string): HeaderField {
  const match = FIELD.exec(text);
  if (!match?.groups) throw new Error(`"${text}" is not a Neo4j header field (name:type)`);
  const { name = "", special, type, array, group } = match.groups;
  if (group !== undefined && !["ID", "START_ID", "END_ID"].includes(special ?? ""))
    throw new Error(`"${text}": only ID, START_ID and END_ID take an id group`);
  if (!special && name === "") throw new Error(`"${text}": a property field needs a name`);
  return {
    name,
    special: special as HeaderField["special"],
    type: special ? undefined : ((type ?? "string") as HeaderField["type"]),
    array: array !== undefined,
    group,
  };
}

/** Parses and checks a whole header: the fields each file kind requires, no property twice. */
export function parseNeo4jHeader(fields: readonly string[], file: "nodes" | "relationships"): HeaderField[] {
  const parsed = fields.map(parseHeaderField);
  const count = (special: HeaderField["special"]) =>
    parsed.filter((field) => field.special === special).length;
  const required = file === "nodes" ? (["ID"] as const) : (["START_ID", "END_ID", "TYPE"] as const);
  const forbidden = file === "nodes" ? (["START_ID", "END_ID", "TYPE"] as const) : (["ID", "LABEL"] as const);
  for (const special of required)
    if (count(special) !== 1) throw new Error(`${file} header needs one :${special}`);
  for (const special of forbidden)
    if (count(special) > 0) throw new Error(`${file} header cannot have :${special}`);
  const names = parsed
    .filter((field) => field.name !== "" && field.special !== "IGNORE")
    .map((field) => field.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new Error(`${file} header names property "${repeated}" twice`);
  return parsed;
}
