import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { TestServer } from "../helpers/server.ts";

/**
 * Shared by the export tests: run the real consumers (Debian's Python tools, xmllint), fetch exports
 * over HTTP, and reduce what each consumer read to one shape to compare with the GraphQL answer.
 */

/** Debian's interpreter: the one that has NetworkX and igraph (environment.md, gotcha 7). */
export const PYTHON = "/usr/bin/python3";
const CONSUMERS = path.join(import.meta.dirname, "consumers.py");

function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A missing tool is an error event: the test fails and says which tool, never skips.
    child.on("error", (error) =>
      reject(new Error(`${command} is missing (${error.message}); run scripts/ensure-test-tools.sh`)),
    );
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export type Reader = "gexf" | "gexf-1.3" | "graphml" | "igraph-graphml" | "node-link" | "csv" | "zip";

/** Reads a file with a real consumer (consumers.py) and returns what it saw. */
export async function readWith<T = ConsumerGraph>(reader: Reader, file: string): Promise<T> {
  const { code, stdout, stderr } = await run(PYTHON, [CONSUMERS, reader, file]);
  if (code !== 0) throw new Error(`${reader} reader failed on ${file} (exit ${code}):\n${stderr}`);
  return JSON.parse(stdout) as T;
}

/** Reads many files in one Python process (one start, one import of NetworkX and igraph). */
export async function readBatch(pairs: readonly (readonly [Reader, string])[]): Promise<unknown[]> {
  const list = await tempFile(`batch-${pairs.length}-${batchCount++}.json`, JSON.stringify(pairs));
  const { code, stdout, stderr } = await run(PYTHON, [CONSUMERS, "batch", list]);
  if (code !== 0) throw new Error(`batch reading failed (exit ${code}):\n${stderr}`);
  const readings = JSON.parse(stdout) as unknown[];
  expect(readings).toHaveLength(pairs.length);
  return readings;
}
let batchCount = 0;

/** xmllint --noout: well-formedness (no XSD: the GEXF 1.3 schema is not available offline). */
export async function xmllint(file: string): Promise<string> {
  const { code, stderr } = await run("xmllint", ["--noout", file]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return stderr;
}

let tempDir: string | undefined;
export async function tempFile(name: string, content: string | Buffer): Promise<string> {
  tempDir ??= await mkdtemp(path.join(tmpdir(), "peacegraph-export-"));
  const file = path.join(tempDir, name);
  await writeFile(file, content);
  return file;
}

export interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
}

export async function download(server: TestServer, pathAndQuery: string): Promise<Download> {
  const response = await fetch(`${server.url}${pathAndQuery}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: body.toString("utf8") };
}

/** Downloads an export, failing the test unless it is a 200. */
export async function exportFile(server: TestServer, pathAndQuery: string): Promise<Download> {
  const result = await download(server, pathAndQuery);
  if (result.status !== 200) throw new Error(`${pathAndQuery}: HTTP ${result.status} ${result.text}`);
  return result;
}

/** What a graph reader returned (consumers.py networkx_graph / igraph). */
export interface ConsumerGraph {
  reader: string;
  class?: string;
  directed: boolean;
  graph?: Record<string, unknown>;
  nodes: { id: string; data: Record<string, unknown> }[];
  edges: { source: string; target: string; key?: string | null; data: Record<string, unknown> }[];
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

// ---------------------------------------------------------------------------------------------
// The GraphQL answer for a selection, and the common shape every consumer's reading reduces to.

export interface SeenNode {
  label: string;
  kind: string;
  type: string;
  aliases: string[];
  wikidata: string | null;
  cameo: string | null;
  date: string | null;
  color?: string;
  size?: number;
  x?: number;
  y?: number;
}

export interface SeenEdge {
  source: string;
  target: string;
  relation: string;
  corroboration: number;
  confidence: number;
  goldstein: number | null;
  date: string | null;
  /** asserted, announced, hedged or negated: the relation's, and each claim's in order. */
  modality: string;
  claimModalities: string[];
  /** claim, event or none. */
  dateOrigin: string;
  quotes: string[];
  sources: string[];
  sourceUrls: (string | null)[];
}

export interface Seen {
  nodes: Map<string, SeenNode>;
  edges: Map<string, SeenEdge>;
}

export interface SelectionVariables {
  ids?: string[];
  depth?: number;
  where?: Record<string, unknown>;
  kinds?: string[];
}

interface GraphqlSubgraph {
  subgraph: {
    nodes: {
      id: string;
      label: string;
      kind: string;
      type: string;
      aliases: string[];
      wikidata: string | null;
      cameo: string | null;
      color: string;
      size: number;
      position: { x: number; y: number };
      date: { text: string } | null;
    }[];
    relations: {
      id: string;
      type: string;
      subject: { id: string };
      object: { id: string };
      goldstein: number | null;
      corroboration: number;
      confidence: number;
      modality: string;
      dateOrigin: string;
      date: { text: string } | null;
      claims: { quote: string; modality: string; source: { id: string; url: string | null } }[];
    }[];
  };
}

export const SUBGRAPH_QUERY = `query Export($ids: [ID!], $depth: Int, $where: RelationWhere, $kinds: [NodeKind!]) {
  subgraph(ids: $ids, depth: $depth, where: $where, kinds: $kinds) {
    nodes { id label kind type aliases wikidata cameo color size position { x y } date { text } }
    relations {
      id type subject { id } object { id } goldstein corroboration confidence modality dateOrigin date { text }
      claims { quote modality source { id url } }
    }
  }
}`;

/** The server's own answer for a selection, in the common shape. Needs a server with a raised maxCost. */
export async function graphqlSeen(server: TestServer, variables: SelectionVariables = {}): Promise<Seen> {
  const { subgraph } = await server.query<GraphqlSubgraph>(SUBGRAPH_QUERY, { ...variables });
  const nodes = new Map<string, SeenNode>();
  for (const node of subgraph.nodes) {
    nodes.set(node.id, {
      label: node.label,
      kind: node.kind.toLowerCase(),
      type: node.type,
      aliases: node.aliases,
      wikidata: node.wikidata,
      cameo: node.cameo,
      date: node.date?.text ?? null,
      color: node.color,
      size: node.size,
      x: node.position.x,
      y: node.position.y,
    });
  }
  const edges = new Map<string, SeenEdge>();
  for (const relation of subgraph.relations) {
    const sources = [...new Set(relation.claims.map((claim) => claim.source.id))];
    const urlOf = new Map(relation.claims.map((claim) => [claim.source.id, claim.source.url]));
    edges.set(relation.id, {
      source: relation.subject.id,
      target: relation.object.id,
      relation: relation.type,
      corroboration: relation.corroboration,
      confidence: relation.confidence,
      goldstein: relation.goldstein,
      date: relation.date?.text ?? null,
      modality: relation.modality.toLowerCase(),
      claimModalities: relation.claims.map((claim) => claim.modality.toLowerCase()),
      dateOrigin: relation.dateOrigin.toLowerCase(),
      quotes: relation.claims.map((claim) => claim.quote),
      sources,
      sourceUrls: sources.map((id) => urlOf.get(id) ?? null),
    });
  }
  return { nodes, edges };
}

/** Compares a consumer's reading with the GraphQL answer: same ids, same values, viz included if read. */
export function expectSameGraph(seen: Seen, expected: Seen, options: { viz?: boolean } = {}): void {
  expect([...seen.nodes.keys()].sort()).toEqual([...expected.nodes.keys()].sort());
  expect([...seen.edges.keys()].sort()).toEqual([...expected.edges.keys()].sort());
  for (const [id, node] of expected.nodes) {
    const actual = seen.nodes.get(id)!;
    const { color, size, x, y, ...rest } = node;
    expect({ id, ...pick(actual, Object.keys(rest)) }).toEqual({ id, ...rest });
    if (options.viz) {
      expect(actual.color, `${id} colour`).toBe(color);
      expect(actual.size, `${id} size`).toBeCloseTo(size!, 6);
      expect(actual.x, `${id} x`).toBeCloseTo(x!, 6);
      expect(actual.y, `${id} y`).toBeCloseTo(y!, 6);
    }
  }
  for (const [id, edge] of expected.edges) expect({ id, ...seen.edges.get(id) }).toEqual({ id, ...edge });
}

function pick(object: object, keys: string[]): Record<string, unknown> {
  const record = object as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}

// ---------------------------------------------------------------------------------------------
// Readers' conventions, undone: missing values, numbers as floats, lists as JSON text, colours.

/** Missing (NetworkX leaves the key out) or empty (igraph fills "") string attributes are null. */
export const text = (value: unknown): string | null =>
  value === undefined || value === null || value === "" ? null : String(value);

export const jsonList = <T = string>(value: unknown): T[] =>
  typeof value === "string" ? (JSON.parse(value) as T[]) : (value as T[]);

export const number = (value: unknown): number => Number(value);

export const numberOrNull = (value: unknown): number | null =>
  value === undefined || value === null || value === "" ? null : Number(value);

/** #rrggbb from NetworkX's {r,g,b} or graphology-gexf's "rgba(r,g,b,a)". */
export function hexColor(value: unknown): string {
  const channels =
    typeof value === "string"
      ? value
          .match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number)
      : [(value as { r: number }).r, (value as { g: number }).g, (value as { b: number }).b];
  return `#${channels.map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
}

/** The common shape from flat attributes (GraphML, GEXF attvalues, node-link, CSV rows). */
export function seenNode(
  data: Record<string, unknown>,
  viz?: Pick<SeenNode, "color" | "size" | "x" | "y">,
): SeenNode {
  return {
    label: String(data.label),
    kind: String(data.kind),
    type: String(data.type),
    aliases: jsonList(data.aliases),
    wikidata: text(data.wikidata),
    cameo: text(data.cameo),
    date: text(data.date),
    ...(viz ?? {
      color: text(data.color) ?? undefined,
      size: numberOrNull(data.size) ?? undefined,
      x: numberOrNull(data.x) ?? undefined,
      y: numberOrNull(data.y) ?? undefined,
    }),
  };
}

export function seenEdge(source: string, target: string, data: Record<string, unknown>): SeenEdge {
  return {
    source,
    target,
    relation: String(data.relation),
    corroboration: number(data.corroboration),
    confidence: number(data.confidence),
    goldstein: numberOrNull(data.goldstein),
    date: text(data.date),
    modality: String(data.modality),
    claimModalities: jsonList(data.claimModalities),
    dateOrigin: String(data.dateOrigin),
    quotes: jsonList(data.quotes),
    sources: jsonList(data.sources),
    sourceUrls: jsonList<string | null>(data.sourceUrls),
  };
}

/** A consumer graph whose nodes and edges carry flat attributes, in the common shape. */
export function seenFromFlat(
  graph: ConsumerGraph,
  nodeViz?: (data: Record<string, unknown>) => Pick<SeenNode, "color" | "size" | "x" | "y">,
  edgeId: (edge: ConsumerGraph["edges"][number]) => string = (edge) => String(edge.data.id),
): Seen {
  return {
    nodes: new Map(graph.nodes.map((node) => [node.id, seenNode(node.data, nodeViz?.(node.data))])),
    edges: new Map(graph.edges.map((edge) => [edgeId(edge), seenEdge(edge.source, edge.target, edge.data)])),
  };
}

/** Rows of a CSV table as objects keyed by header. */
export const records = (table: CsvTable) =>
  table.rows.map((row) => Object.fromEntries(table.header.map((name, i) => [name, row[i] ?? ""])));
