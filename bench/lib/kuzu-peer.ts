/**
 * Kùzu, an embedded graph database, as the established peer: the same graph goes in through its bulk
 * COPY FROM (CSV files for the node and relationship tables), and the scale section's queries run as
 * Cypher. Kùzu is installed apart from the project (`npm run bench:peers:install` puts it in
 * bench/peers/node_modules, 541 MB) so that `npm ci` stays light.
 */
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { KnowledgeGraph } from "../../server/graph/types.ts";

export const PEERS_DIR = path.resolve(import.meta.dirname, "..", "peers");

/** The slice of the kuzu package's API used here. */
interface KuzuResult {
  getAll(): Promise<Record<string, unknown>[]>;
}
interface KuzuConnection {
  query(statement: string): Promise<KuzuResult | KuzuResult[]>;
  prepare(statement: string): Promise<unknown>;
  execute(prepared: unknown, params?: Record<string, unknown>): Promise<KuzuResult | KuzuResult[]>;
  close(): Promise<void>;
}
interface KuzuDatabase {
  close(): Promise<void>;
}
interface KuzuModule {
  Database: new (path: string, bufferManagerSize?: number) => KuzuDatabase;
  Connection: new (database: KuzuDatabase, numThreads?: number) => KuzuConnection;
}

/** The kuzu module from bench/peers, or the reason it cannot be loaded. */
export function loadKuzu(): KuzuModule | string {
  try {
    const require = createRequire(path.join(PEERS_DIR, "package.json"));
    return require("kuzu") as KuzuModule;
  } catch (error) {
    return (
      `Kùzu is not installed (${(error as Error).message.split("\n")[0]}): ` +
      "run `npm run bench:peers:install` (541 MB, once) to compare against it"
    );
  }
}

const csvCell = (value: string | number | null | undefined) =>
  value === null || value === undefined
    ? ""
    : typeof value === "number"
      ? String(value)
      : `"${value.replaceAll('"', '""')}"`;

/** Writes rows as CSV with a header, buffered. */
async function writeCsv(
  file: string,
  header: string[],
  rows: (write: (row: (string | number | null | undefined)[]) => void) => void,
): Promise<void> {
  const stream = createWriteStream(file);
  let buffer: string[] = [header.join(",")];
  let size = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = `${buffer.join("\n")}\n`;
    buffer = [];
    size = 0;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  };
  const pending: string[][] = [];
  rows((row) => {
    const line = row.map(csvCell).join(",");
    buffer.push(line);
    size += line.length;
    if (size > 1 << 22) {
      pending.push(buffer);
      buffer = [];
      size = 0;
    }
  });
  for (const part of pending) {
    const chunk = `${part.join("\n")}\n`;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  }
  await flush();
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

export interface KuzuLoad {
  csvMs: number;
  copyMs: number;
  diskBytes: number;
  rows: { entities: number; relations: number; claims: number };
}

const folderSize = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum +
      (entry.isDirectory()
        ? folderSize(path.join(dir, entry.name))
        : statSync(path.join(dir, entry.name)).size),
    0,
  );

/**
 * The peer: CSV files of the graph (entities, sources, relations with their derived corroboration,
 * and every relation claim with its quote), loaded into a fresh database with COPY FROM.
 */
export class KuzuPeer {
  private constructor(
    private readonly database: KuzuDatabase,
    readonly connection: KuzuConnection,
    readonly dir: string,
  ) {}

  static async load(
    kuzu: KuzuModule,
    knowledge: KnowledgeGraph,
    workDir: string,
  ): Promise<{ peer: KuzuPeer; load: KuzuLoad }> {
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const csv = (name: string) => path.join(workDir, name);
    let started = performance.now();
    const { graph, model } = knowledge;
    await writeCsv(csv("entities.csv"), ["id", "label", "type", "kind", "date_start", "date_end"], (write) =>
      graph.forEachNode((id, node) =>
        write([id, node.label, node.type, node.kind, node.date?.start, node.date?.end]),
      ),
    );
    await writeCsv(csv("sources.csv"), ["id", "title", "outlet", "published"], (write) => {
      for (const source of model.sources.values())
        write([source.id, source.title, source.outlet, source.published?.text]);
    });
    await writeCsv(
      csv("relations.csv"),
      ["from", "to", "id", "type", "family", "corroboration", "confidence", "date_start", "date_end"],
      (write) =>
        graph.forEachEdge((id, relation, source, target) =>
          write([
            source,
            target,
            id,
            relation.type,
            knowledge.relationType(relation.type)?.family ?? "structural",
            relation.corroboration,
            relation.confidence,
            relation.date?.start,
            relation.date?.end,
          ]),
        ),
    );
    let claimRows = 0;
    await writeCsv(
      csv("claims.csv"),
      ["from", "to", "id", "source", "relation", "quote", "confidence", "status", "date"],
      (write) => {
        for (const claim of model.claims) {
          if (claim.form !== "relation") continue;
          claimRows++;
          write([
            claim.subject,
            claim.object,
            claim.id,
            claim.source,
            claim.relation,
            claim.quote,
            claim.confidence,
            claim.status,
            claim.qualifiers.date?.text,
          ]);
        }
      },
    );
    const csvMs = performance.now() - started;

    const dbDir = path.join(workDir, "db");
    const database = new kuzu.Database(dbDir, 4 * 1024 ** 3);
    const connection = new kuzu.Connection(database, 2);
    const run = async (statement: string) => {
      const result = await connection.query(statement);
      for (const one of Array.isArray(result) ? result : [result]) await one.getAll();
    };
    await run(
      "CREATE NODE TABLE Entity(id STRING, label STRING, type STRING, kind STRING, date_start STRING, date_end STRING, PRIMARY KEY(id))",
    );
    await run(
      "CREATE NODE TABLE Source(id STRING, title STRING, outlet STRING, published STRING, PRIMARY KEY(id))",
    );
    await run(
      "CREATE REL TABLE Rel(FROM Entity TO Entity, id STRING, type STRING, family STRING, corroboration INT64, confidence DOUBLE, date_start STRING, date_end STRING)",
    );
    await run(
      "CREATE REL TABLE Claim(FROM Entity TO Entity, id STRING, source STRING, relation STRING, quote STRING, confidence DOUBLE, status STRING, date STRING)",
    );
    started = performance.now();
    for (const [table, file] of [
      ["Entity", "entities.csv"],
      ["Source", "sources.csv"],
      ["Rel", "relations.csv"],
      ["Claim", "claims.csv"],
    ] as const) {
      await run(`COPY ${table} FROM '${csv(file)}' (HEADER=true)`);
    }
    const copyMs = performance.now() - started;
    const peer = new KuzuPeer(database, connection, workDir);
    return {
      peer,
      load: {
        csvMs,
        copyMs,
        diskBytes: existsSync(dbDir)
          ? statSync(dbDir).isDirectory()
            ? folderSize(dbDir)
            : statSync(dbDir).size
          : 0,
        rows: { entities: graph.order, relations: graph.size, claims: claimRows },
      },
    };
  }

  /** A prepared query, run with parameters; returns all rows. */
  async prepare(
    statement: string,
  ): Promise<(params: Record<string, unknown>) => Promise<Record<string, unknown>[]>> {
    const prepared = await this.connection.prepare(statement);
    return async (params) => {
      const result = await this.connection.execute(prepared, params);
      const rows: Record<string, unknown>[] = [];
      for (const one of Array.isArray(result) ? result : [result]) rows.push(...(await one.getAll()));
      return rows;
    };
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.database.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The scale section's queries in Cypher, with the same parameters as the GraphQL ones. */
export const CYPHER = {
  /** Depth 1 and 2: the nodes reached (each by one shortest path), capped like maxNodes. */
  neighborhood: (depth: number, maxNodes: number) =>
    `MATCH (a:Entity {id: $id})-[:Rel* SHORTEST 1..${depth}]-(b:Entity) RETURN DISTINCT b.id AS id LIMIT ${maxNodes - 1}`,
  /** The relations among the reached nodes, as GraphQL's neighborhood returns them. */
  induced: "MATCH (a:Entity)-[r:Rel]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN r.id AS id",
  paths: (maxLength: number, first: number) =>
    `MATCH p = (a:Entity {id: $from})-[:Rel* ALL SHORTEST 1..${maxLength}]-(b:Entity {id: $to}) RETURN properties(nodes(p), 'id') AS ids LIMIT ${first}`,
  nodeRelationsPage:
    "MATCH (a:Entity {id: $id})-[r:Rel]-(b:Entity) RETURN r.id AS id, r.type AS type, b.id AS other ORDER BY r.date_start, r.id LIMIT 20",
  nodeRelationsCount: "MATCH (a:Entity {id: $id})-[r:Rel]-(b:Entity) RETURN count(r) AS total",
  filteredPage:
    "MATCH (a:Entity)-[r:Rel]->(b:Entity) WHERE r.family = $family AND r.corroboration >= $minCorroboration AND r.date_end >= $dateFrom RETURN r.id AS id ORDER BY r.id LIMIT 50",
  filteredCount:
    "MATCH (a:Entity)-[r:Rel]->(b:Entity) WHERE r.family = $family AND r.corroboration >= $minCorroboration AND r.date_end >= $dateFrom RETURN count(r) AS total",
  selectivePage:
    "MATCH (a:Entity)-[r:Rel]->(b:Entity) WHERE r.type IN $types AND r.date_end >= $dateFrom RETURN r.id AS id ORDER BY r.id LIMIT 50",
  selectiveCount:
    "MATCH (a:Entity)-[r:Rel]->(b:Entity) WHERE r.type IN $types AND r.date_end >= $dateFrom RETURN count(r) AS total",
};
