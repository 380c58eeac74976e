import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Random } from "../../scripts/synthetic/random.ts";

/**
 * A synthetic graph-data folder of any size for benchmarks: the real vocabularies, a number of sources
 * (the last without outlet or URL, like the seed's second), entities with skewed degrees, dated events,
 * and relations that respect each type's domain and range. Seeded, so every run builds the same graph.
 * Claims are spread over many sources: one claims file per source keeps each YAML map small, and the
 * loader's duplicate-key check grows with the square of a map's size.
 */

const QUOTE = "A synthetic claim for load testing.";

const ACTOR_TYPES = ["state", "person", "intergovernmental_organisation", "armed_force", "group"];
const EVENT_TYPES = ["statement", "negotiation", "conference", "clash", "agreement", "war"];
const PLACE_TYPES = ["region", "settlement"];

type Kind = "actor" | "event" | "place";
/** Relation types by the kinds they join: [subject kind, object kind, types]. */
const RELATIONS: [Kind, Kind, string[]][] = [
  [
    "actor",
    "event",
    ["WELCOMED", "PARTICIPATED_IN", "AGREED", "PROPOSED", "SUPPORTED", "REJECTED", "OPPOSED"],
  ],
  ["actor", "actor", ["URGED", "ACCUSED", "MEMBER_OF", "NEGOTIATED", "SUPPORTED"]],
  ["actor", "place", ["CONTROLS", "CLAIMS", "CAPTURED"]],
  ["event", "place", ["OCCURRED_IN"]],
  ["event", "event", ["LED_TO", "PRECEDED"]],
  ["event", "actor", ["INVOLVED"]],
];
const SYMMETRIC = new Set(["NEGOTIATED"]);
const SOURCES = 20;

/** The synthetic generator's seeded randomness: the same seed builds the same graph. */
function seededRandom(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

export async function writeSyntheticGraphData(
  projectRoot: string,
  {
    nodes,
    relations,
    seed = 7,
    communities = 0,
  }: {
    nodes: number;
    relations: number;
    seed?: number;
    /**
     * With communities > 0, node i belongs to community i mod communities, and most relations join
     * nodes of one community (the rest cross at random): a graph with structure to show, as real
     * ones have, rather than a uniform hairball. The viewer's benchmark and screenshots use it.
     */
    communities?: number;
  },
): Promise<string> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-synthetic-"));
  await cp(path.join(projectRoot, "graph-data", "vocabulary"), path.join(dir, "vocabulary"), {
    recursive: true,
  });
  for (const folder of ["sources", "entities", "claims"])
    await mkdir(path.join(dir, folder), { recursive: true });

  const source = (id: string, outlet: string | null) =>
    [
      `title: Synthetic source ${id}`,
      `outlet: ${outlet ?? "null"}`,
      `url: ${outlet ? `https://example.org/${id}` : "null"}`,
      "published: 2024-01-01",
      "author: null",
      "language: en",
      "added: 2026-11-22",
    ].join("\n");
  const sourceIds = Array.from({ length: SOURCES }, (_, i) => `synth-${String(i).padStart(2, "0")}`);
  for (const [i, id] of sourceIds.entries()) {
    await writeFile(
      path.join(dir, "sources", `${id}.yaml`),
      source(id, i < SOURCES - 1 ? `Wire ${i}` : null),
    );
    await writeFile(path.join(dir, "sources", `${id}.txt`), QUOTE);
  }

  const counts: Record<Kind, number> = {
    actor: Math.round(nodes * 0.4),
    event: Math.round(nodes * 0.45),
    place: 0,
  };
  counts.place = nodes - counts.actor - counts.event;
  const ids: Record<Kind, string[]> = { actor: [], event: [], place: [] };
  const types: Record<Kind, string[]> = { actor: ACTOR_TYPES, event: EVENT_TYPES, place: PLACE_TYPES };
  for (const kind of ["actor", "event", "place"] as const) {
    const lines: string[] = [];
    for (let i = 0; i < counts[kind]; i++) {
      const id = `${kind}-${i}`;
      ids[kind].push(id);
      lines.push(`${id}:`, `  label: Synthetic ${kind} ${i}`, `  type: ${pick(types[kind])}`);
      lines.push(`  aliases: [${kind.toUpperCase()}${i}]`, `  description: A synthetic ${kind}.`);
    }
    await writeFile(path.join(dir, "entities", `${kind}s.yaml`), lines.join("\n"));
  }

  // Squaring a uniform number skews picks toward low indexes: a few hubs, a long tail, as in real graphs.
  const skewed = (list: string[]) => list[Math.floor(random() ** 2 * list.length)]!;
  const claims = new Map<string, string[]>(sourceIds.map((id) => [id, []]));
  const claimsOf = (i: number) => claims.get(sourceIds[i % SOURCES]!)!;
  for (const [n, id] of ids.event.entries()) {
    const year = 1990 + Math.floor(random() * 35);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
    claimsOf(n).push(
      `  ${id}-date:`,
      `    subject: ${id}`,
      "    property: date",
      `    value: "${year}-${month}"`,
    );
    claimsOf(n).push(`    quote: ${QUOTE}`);
  }
  const communityOf = (id: string) => Number(id.slice(id.lastIndexOf("-") + 1)) % communities;
  /** A skewed pick among the nodes of one community. */
  const skewedIn = (list: string[], community: number) => {
    const size = Math.floor((list.length - 1 - community) / communities) + 1;
    return list[Math.floor(random() ** 2 * size) * communities + community]!;
  };
  const seen = new Set<string>();
  let made = 0;
  while (made < relations) {
    const [subjectKind, objectKind, relationTypes] = pick(RELATIONS);
    const type = pick(relationTypes);
    const subject = skewed(ids[subjectKind]);
    const object =
      communities > 0 && random() < 0.9
        ? skewedIn(ids[objectKind], communityOf(subject) % Math.min(communities, ids[objectKind].length))
        : skewed(ids[objectKind]);
    if (subject === object) continue;
    const key = SYMMETRIC.has(type)
      ? [type, ...[subject, object].sort()].join("|")
      : `${subject}|${type}|${object}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const claim = [
      `    subject: ${subject}`,
      `    relation: ${type}`,
      `    object: ${object}`,
      `    quote: ${QUOTE}`,
    ];
    const first = Math.floor(random() * SOURCES);
    claimsOf(first).push(`  r${made}-a:`, ...claim);
    // One relation in five is corroborated by a second source.
    if (random() < 0.2)
      claimsOf(first + 1 + Math.floor(random() * (SOURCES - 1))).push(`  r${made}-b:`, ...claim);
    made++;
  }
  const claimFile = (id: string, claims: string[]) =>
    [`source: ${id}`, "defaults:", "  confidence: 0.8", "  status: extracted", "claims:", ...claims].join(
      "\n",
    );
  for (const [id, lines] of claims)
    await writeFile(path.join(dir, "claims", `${id}.yaml`), claimFile(id, lines));
  return dir;
}
