import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGraphStore } from "../server/api/context.ts";
import { exportSubgraph, exportZipChunks, partText } from "../server/export/export.ts";
import { EXPORT_FORMATS } from "../server/export/formats.ts";
import { selectSubgraph, UNLIMITED } from "../server/export/selection.ts";
import { buildKnowledgeGraph } from "../server/graph/build.ts";
import { loadGraphDataStrict } from "../server/model/load.ts";
import type { Claim, Entity, GraphModel, NodeKind, Source } from "../server/model/types.ts";
import { parseDate, type DateValue } from "../server/model/dates.ts";
import { resolveSettings } from "../server/settings.ts";
import { measure, type Table } from "./lib/measure.ts";
import { runChild } from "./lib/run-child.ts";
import { benchExportFlood } from "./export-flood.ts";
import { Random } from "../scripts/synthetic/random.ts";

/**
 * Export throughput on a synthetic graph of 100,000 relations (10,000 nodes, about 150,000 claims
 * with quotes full of characters that need escaping), generated in memory from a fixed seed over
 * the real vocabularies. In the same run, NetworkX (Debian's /usr/bin/python3) writes the same
 * graph to GEXF and GraphML, so the ratio is comparable even on a noisy machine.
 */

export const SYNTHETIC_RELATIONS = 100_000;
const NODES: Record<NodeKind, number> = { actor: 6_000, event: 3_000, place: 1_000 };
const SOURCES = 50;

/** The synthetic generator's seeded randomness: the same seed builds the same graph. */
function seeded(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

/** Relation types by the kinds they join, taken from the real vocabulary's domain and range. */
const PATTERNS: { types: string[]; subject: NodeKind; object: NodeKind }[] = [
  {
    types: ["WELCOMED", "ISSUED", "SIGNED", "PARTICIPATED_IN", "OPPOSED"],
    subject: "actor",
    object: "event",
  },
  { types: ["NEGOTIATED", "SUPPORTED", "URGED", "ACCUSED", "MEMBER_OF"], subject: "actor", object: "actor" },
  { types: ["OCCURRED_IN"], subject: "event", object: "place" },
  { types: ["CONTROLS", "CLAIMS"], subject: "actor", object: "place" },
];

export async function syntheticModel(relationCount = SYNTHETIC_RELATIONS): Promise<GraphModel> {
  const vocabulary = await loadGraphDataStrict(resolveSettings().dataDir);
  const random = seeded(20231207);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const typesOf = (kind: NodeKind) =>
    [...vocabulary.nodeTypes.values()].filter((type) => type.kind === kind && !type.anyOther);

  const sources = new Map<string, Source>();
  for (let i = 0; i < SOURCES; i++) {
    const id = `source-${i}`;
    sources.set(id, {
      id,
      title: `Report ${i}: talks "continue" & progress`,
      outlet: i % 3 === 0 ? null : `Outlet ${i % 7}`,
      url: i % 5 === 0 ? null : `https://example.org/report/${i}?lang=en&page=1`,
      published: parseDate(`2023-${String((i % 12) + 1).padStart(2, "0")}`) as DateValue,
      author: null,
      language: "en",
      added: parseDate("2026-11-22") as DateValue,
      note: null,
      text: "",
      file: `sources/${id}.yaml`,
    });
  }

  const entities = new Map<string, Entity>();
  const byKind: Record<NodeKind, string[]> = { actor: [], event: [], place: [] };
  for (const kind of ["actor", "event", "place"] as const) {
    const types = typesOf(kind);
    for (let i = 0; i < NODES[kind]; i++) {
      const id = `${kind}-${i}`;
      const type = pick(types);
      byKind[kind].push(id);
      entities.set(id, {
        id,
        label: `${type.label} ${i} <${kind}> & "co"`,
        type: type.id,
        kind,
        aliases: i % 4 === 0 ? [`${kind} ${i}`, `Alias; ${i}, with "quotes"`] : [],
        description: `Synthetic ${kind} number ${i}; generated for the export benchmark.`,
        wikidata: i % 3 === 0 ? `Q${1000 + i}` : null,
        cameo: kind === "actor" && i % 2 === 0 ? "ARM" : null,
        status: "curated",
        file: "entities/synthetic.yaml",
        line: undefined,
      });
    }
  }

  const claims: Claim[] = [];
  const base = {
    quoteStart: 0,
    status: "curated" as const,
    modality: "asserted" as const,
    attributedTo: null,
    rule: null,
    file: "claims/synthetic.yaml",
    line: undefined,
  };
  for (const event of byKind.event) {
    const day = 1 + Math.floor(random() * 28);
    const value = parseDate(
      `2023-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    ) as DateValue;
    claims.push({
      ...base,
      id: `date-${event}`,
      form: "attribute",
      property: "date",
      value,
      source: pick([...sources.keys()]),
      subject: event,
      quote: `on ${value.text}`,
      confidence: 0.9,
    });
  }
  const seen = new Set<string>();
  let claimNumber = 0;
  while (seen.size < relationCount) {
    const pattern = pick(PATTERNS);
    const type = pick(pattern.types);
    const subject = pick(byKind[pattern.subject]);
    const object = pick(byKind[pattern.object]);
    const key = `${subject}--${type}--${object}`;
    if (subject === object || seen.has(key) || seen.has(`${object}--${type}--${subject}`)) continue;
    seen.add(key);
    // One to three sources per relation: corroboration varies as in the real graph.
    const count = 1 + Math.floor(random() * random() * 3.5);
    const cited = new Set<string>();
    while (cited.size < count) cited.add(`source-${Math.floor(random() * SOURCES)}`);
    for (const source of cited) {
      claims.push({
        ...base,
        id: `claim-${claimNumber++}`,
        form: "relation",
        source,
        subject,
        relation: type,
        object,
        qualifiers: {},
        confidence: Math.round((0.5 + random() / 2) * 100) / 100,
        quote: `Officials said "talks between ${subject} & ${object} continue"; progress, they added, was <slow> but real.`,
      });
    }
  }
  return {
    nodeTypes: vocabulary.nodeTypes,
    relationTypes: vocabulary.relationTypes,
    extents: vocabulary.extents,
    sources,
    entities,
    claims,
  };
}

async function networkxWrite(
  nodeLink: string,
  folder: string,
): Promise<Record<string, { seconds: number; bytes: number }>> {
  const script = path.join(import.meta.dirname, "networkx_write.py");
  const { code, stdout, stderr } = await runChild("/usr/bin/python3", [script, nodeLink, folder]);
  if (code !== 0) throw new Error(`NetworkX write failed:\n${stderr}`);
  return JSON.parse(stdout);
}

export async function benchExport(): Promise<Table[]> {
  let started = performance.now();
  const knowledge = buildKnowledgeGraph(await syntheticModel());
  // No layout iterations: positions stay seeded random, which is all the writers need.
  const store = createGraphStore(knowledge, { iterations: 0, seed: 1 });
  const buildMs = performance.now() - started;
  started = performance.now();
  const subgraph = selectSubgraph(knowledge, {}, UNLIMITED);
  const selectMs = performance.now() - started;
  const relations = subgraph.relations.length;

  const rows: (string | number)[][] = [];
  const seconds: Record<string, number> = {};
  for (const format of Object.values(EXPORT_FORMATS)) {
    let bytes = 0;
    const timing = await measure(
      () => {
        // Chunk by chunk, as the server streams it: nothing holds the whole file.
        bytes = 0;
        for (const part of exportSubgraph(store, subgraph, format, UNLIMITED).parts)
          for (const chunk of part.chunks()) bytes += Buffer.byteLength(chunk);
      },
      3,
      0,
    );
    const s = timing.p50 / 1000;
    seconds[format.id] = s;
    rows.push([format.id, timing.p50, Math.round(relations / s), bytes / 1e6, bytes / 1e6 / s]);
  }
  const nodeLink = partText(
    exportSubgraph(store, subgraph, EXPORT_FORMATS["networkx-json"], UNLIMITED).parts[0]!,
  );
  const zipResult = exportSubgraph(store, subgraph, EXPORT_FORMATS["neo4j-csv"], UNLIMITED);
  const zip = await measure(
    async () => {
      for await (const piece of exportZipChunks(zipResult, Infinity)) void piece;
    },
    3,
    0,
  );

  const folder = await mkdtemp(path.join(tmpdir(), "peacegraph-bench-"));
  let comparison: (string | number)[][];
  try {
    const file = path.join(folder, "graph.networkx.json");
    await writeFile(file, nodeLink);
    const networkx = await networkxWrite(file, folder);
    comparison = (["gexf", "graphml"] as const).map((format) => [
      format,
      seconds[format]! * 1000,
      networkx[format]!.seconds * 1000,
      networkx[format]!.seconds / seconds[format]!,
      networkx[format]!.bytes / 1e6,
    ]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }

  const flood = await benchExportFlood();
  return [
    {
      title: `Export throughput, synthetic graph (${subgraph.nodes.length} nodes, ${relations} relations, ${knowledge.model.claims.length} claims)`,
      columns: ["format", "p50 ms", "relations/s", "MB", "MB/s"],
      rows,
      notes: [
        "Median of 3 runs (no warm-up: each takes seconds); each builds the export document and writes every part.",
        `Generating and building the graph took ${Math.round(buildMs)} ms; selecting the whole graph ${Math.round(selectMs)} ms.`,
        `Neo4j CSV as a stored ZIP (each part written twice: once for its checksum and size, once to send): ${zip.p50.toFixed(1)} ms.`,
      ],
    },
    {
      title: "Writing the same graph: peacegraph vs NetworkX (Debian's /usr/bin/python3)",
      columns: ["format", "peacegraph ms", "NetworkX ms", "NetworkX / peacegraph", "NetworkX MB"],
      rows: comparison,
      notes: [
        "NetworkX loads our node-link JSON, lists and dicts become JSON text (not timed), then only",
        "nx.write_gexf / nx.write_graphml are timed. peacegraph's time includes building the document.",
      ],
    },
    flood,
  ];
}
