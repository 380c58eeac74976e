import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORACLE_CLAIMS, ORACLE_DATA, ORACLE_NODES, ORACLE_RELATIONS, R } from "../fixtures/oracle.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * The API's answers on the oracle fixture against values worked out by hand: every field of every
 * node and relation, neighbourhoods (with their caps), paths, the timeline, conflicts and counts.
 */

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ limits: { maxCost: 100_000_000 } }, ORACLE_DATA);
});
afterAll(() => api.close());

const sorted = (ids: Iterable<string>) => [...ids].sort();
const lower = (value: string | null) => value?.toLowerCase() ?? null;

interface ApiNode {
  id: string;
  label: string;
  kind: string;
  type: string;
  typeLabel: string;
  aliases: string[];
  description: string;
  wikidata: string | null;
  wikidataUrl: string | null;
  cameo: string | null;
  date: { text: string; precision: string; start: string; end: string } | null;
  duration: { text: string } | null;
  extent: { text: string } | null;
  status: string;
  degree: number;
  color: string;
  size: number;
}

interface ApiRelation {
  id: string;
  type: string;
  subject: { id: string };
  object: { id: string };
  symmetric: boolean;
  modality: string;
  cameo: string | null;
  plover: string | null;
  goldstein: number | null;
  family: string;
  color: string;
  date: { text: string; precision: string; start: string; end: string } | null;
  dateOrigin: string;
  dateInheritedFrom: { id: string } | null;
  count: number | null;
  duration: { text: string } | null;
  extent: { text: string } | null;
  confidence: number;
  corroboration: number;
  sources: { id: string; url: string | null }[];
  relationType: { label: string };
  claims: {
    id: string;
    quote: string;
    confidence: number;
    status: string;
    modality: string;
    source: { id: string; title: string; url: string | null };
    attributedTo: { id: string } | null;
  }[];
}

const NODE_FIELDS = `id label kind type typeLabel aliases description wikidata wikidataUrl cameo
  date { text precision start end } duration { text } extent { text } status degree color size`;
const RELATION_FIELDS = `id type subject { id } object { id } symmetric modality cameo plover goldstein family color
  date { text precision start end } dateOrigin dateInheritedFrom { id } count duration { text } extent { text }
  confidence corroboration sources { id url } relationType { label }
  claims { id quote confidence status modality source { id title url } attributedTo { id } }`;

describe("every field, as the oracle gives it", () => {
  it("the whole graph's subgraph: every node and every relation", async () => {
    const { subgraph } = await api.query<{
      subgraph: { nodes: ApiNode[]; relations: ApiRelation[]; truncated: boolean };
    }>(`{ subgraph { truncated nodes { ${NODE_FIELDS} } relations { ${RELATION_FIELDS} } } }`);
    expect(subgraph.truncated).toBe(false);
    expect(sorted(subgraph.nodes.map((node) => node.id))).toEqual(
      sorted(ORACLE_NODES.map((node) => node.id)),
    );
    for (const node of subgraph.nodes) {
      const oracle = ORACLE_NODES.find((candidate) => candidate.id === node.id)!;
      expect({
        ...node,
        kind: lower(node.kind),
        status: lower(node.status),
        date: node.date && { ...node.date, precision: lower(node.date.precision) },
        duration: node.duration?.text ?? null,
        extent: node.extent?.text ?? null,
      }).toEqual({
        id: oracle.id,
        label: oracle.label,
        kind: oracle.kind,
        type: oracle.type,
        typeLabel: oracle.typeLabel,
        aliases: oracle.aliases,
        description: oracle.description,
        wikidata: oracle.wikidata,
        wikidataUrl: oracle.wikidata && `https://www.wikidata.org/wiki/${oracle.wikidata}`,
        cameo: oracle.cameo,
        date: oracle.date && {
          text: oracle.date,
          precision: oracle.datePrecision,
          start: oracle.dateStart,
          end: oracle.dateEnd,
        },
        duration: oracle.duration,
        extent: oracle.extent,
        status: oracle.status,
        degree: oracle.degree,
        color: oracle.color,
        size: oracle.size,
      });
    }
    expect(sorted(subgraph.relations.map((relation) => relation.id))).toEqual(sorted(Object.values(R)));
    for (const relation of subgraph.relations) {
      const oracle = ORACLE_RELATIONS.find((candidate) => candidate.id === relation.id)!;
      expect({
        id: relation.id,
        source: relation.subject.id,
        target: relation.object.id,
        relation: relation.type,
        label: relation.relationType.label,
        symmetric: relation.symmetric,
        modality: lower(relation.modality),
        cameo: relation.cameo,
        plover: relation.plover,
        goldstein: relation.goldstein,
        family: lower(relation.family),
        color: relation.color,
        date: relation.date?.text ?? null,
        dateStart: relation.date?.start ?? null,
        dateEnd: relation.date?.end ?? null,
        datePrecision: lower(relation.date?.precision ?? null),
        dateOrigin: lower(relation.dateOrigin),
        dateInheritedFrom: relation.dateInheritedFrom?.id ?? null,
        count: relation.count,
        duration: relation.duration?.text ?? null,
        extent: relation.extent?.text ?? null,
        confidence: relation.confidence,
        corroboration: relation.corroboration,
        sources: relation.sources.map((source) => source.id),
        sourceUrls: relation.sources.map((source) => source.url),
        claimIds: relation.claims.map((claim) => claim.id),
        quotes: relation.claims.map((claim) => claim.quote),
        claimModalities: relation.claims.map((claim) => lower(claim.modality)),
      }).toEqual(oracle);
      for (const claim of relation.claims) {
        const expected = ORACLE_CLAIMS[claim.id]!;
        expect({
          confidence: claim.confidence,
          status: lower(claim.status),
          source: claim.source.id,
          sourceTitle: claim.source.title,
          sourceUrl: claim.source.url,
          attributedTo: claim.attributedTo?.id ?? null,
        }).toEqual({
          confidence: expected.confidence,
          status: expected.status,
          source: expected.source,
          sourceTitle: expected.sourceTitle,
          sourceUrl: expected.sourceUrl,
          attributedTo: expected.attributedTo,
        });
      }
    }
  });

  it("counts: nodes, relations, claims, sources, conflicts, by kind and by type", async () => {
    const { stats } = await api.query<{ stats: Record<string, unknown> }>(
      "{ stats { nodes relations claims sources conflicts nodesByKind { key count } relationsByType { key count } } }",
    );
    expect({
      ...stats,
      nodesByKind: sorted(
        (stats.nodesByKind as { key: string; count: number }[]).map((c) => `${c.key}:${c.count}`),
      ),
      relationsByType: sorted(
        (stats.relationsByType as { key: string; count: number }[]).map((c) => `${c.key}:${c.count}`),
      ),
    }).toEqual({
      nodes: 10,
      relations: 9,
      claims: 21,
      sources: 2,
      conflicts: 2,
      nodesByKind: sorted(["actor:5", "event:3", "place:2"]),
      relationsByType: sorted([
        "ATTENDED:1",
        "COMMENTED_ON:1",
        "CRITICIZED:2",
        "HELD_IN:1",
        "LEADS:1",
        "MET:1",
        "RELEASED:2",
      ]),
    });
    const health = (await (await fetch(`${api.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ nodes: 10, relations: 9, claims: 21 });
  });

  it("conflicts: the two dates of the border talks, and a comment both made and denied", async () => {
    const query = `query ($kind: [ConflictKind!]) { conflicts(kind: $kind) { id kind target { id }
      values { value claims { id } sources { id } } } }`;
    const { conflicts } = await api.query<{ conflicts: unknown[] }>(query, { kind: null });
    expect(conflicts).toEqual([
      {
        id: "border-talks#date",
        kind: "DATE",
        target: { id: "border-talks" },
        values: [
          { value: "2024-04", claims: [{ id: "g-talks-date" }], sources: [{ id: "gazette" }] },
          { value: "2024-05", claims: [{ id: "w-talks-date" }], sources: [{ id: "wire" }] },
        ],
      },
      {
        id: `${R.commented}#negation`,
        kind: "NEGATION",
        target: { id: R.commented },
        values: [
          { value: "negated", claims: [{ id: "w-not-commented" }], sources: [{ id: "wire" }] },
          { value: "asserted", claims: [{ id: "g-commented" }], sources: [{ id: "gazette" }] },
        ],
      },
    ]);
    const ids = async (kind: string[]) =>
      (await api.query<{ conflicts: { id: string }[] }>(query, { kind })).conflicts.map((c) => c.id);
    expect(await ids(["DATE"])).toEqual(["border-talks#date"]);
    expect(await ids(["NEGATION", "COUNT"])).toEqual([`${R.commented}#negation`]);
    expect(await ids(["COUNT", "DURATION", "EXTENT"])).toEqual([]);
  });
});

interface ApiSubgraph {
  nodes: { id: string }[];
  relations: { id: string }[];
  truncated: boolean;
}

async function neighborhood(
  args: string,
): Promise<{ nodes: string[]; relations: string[]; truncated: boolean }> {
  const { neighborhood } = await api.query<{ neighborhood: ApiSubgraph }>(
    `{ neighborhood(${args}) { nodes { id } relations { id } truncated } }`,
  );
  return {
    nodes: sorted(neighborhood.nodes.map((node) => node.id)),
    relations: sorted(neighborhood.relations.map((relation) => relation.id)),
    truncated: neighborhood.truncated,
  };
}

const DEPTH_1 = ["borduria", "klow-summit", "muskar", "syldavia"];
const DEPTH_1_RELATIONS = [R.attended, R.leads, R.criticized, R.met, R.mayCriticize];
/** Everything reachable from King Muskar: all but the release (no relation) and Zembla. */
const REACHABLE = [...DEPTH_1, "klow", "bordurian-prisoners", "syldavian-fishermen", "border-talks"];

describe("neighbourhoods", () => {
  it.each([
    ['ids: ["muskar"], depth: 0', ["muskar"], []],
    // The relations among the nodes reached, also those not followed to reach them (Borduria–Syldavia).
    ['ids: ["muskar"], depth: 1', DEPTH_1, DEPTH_1_RELATIONS],
    ['ids: ["muskar"]', DEPTH_1, DEPTH_1_RELATIONS],
    ['ids: ["muskar"], depth: 2', REACHABLE, Object.values(R)],
    ['ids: ["muskar"], depth: 3', REACHABLE, Object.values(R)],
    ['ids: ["klow"], depth: 2', ["klow", "klow-summit", "muskar"], [R.heldIn, R.attended]],
    ['ids: ["zembla"], depth: 3', ["zembla"], []],
    ['ids: ["klow", "zembla", "klow"], depth: 1', ["klow", "klow-summit", "zembla"], [R.heldIn]],
    [
      'ids: ["muskar"], depth: 2, where: { type: ["LEADS", "MET"] }',
      ["borduria", "muskar", "syldavia"],
      [R.leads, R.met],
    ],
    ['ids: ["syldavia"], where: { modality: [HEDGED] }', ["borduria", "syldavia"], [R.mayCriticize]],
  ])("%s", async (args, nodes, relations) => {
    expect(await neighborhood(args)).toEqual({
      nodes: sorted(nodes),
      relations: sorted(relations),
      truncated: false,
    });
  });

  it("stops at maxNodes, says so, and fills a level before the next", async () => {
    // Exactly enough room: not cut.
    expect((await neighborhood('ids: ["muskar"], depth: 1, maxNodes: 4')).truncated).toBe(false);
    expect((await neighborhood('ids: ["muskar"], depth: 2, maxNodes: 8')).truncated).toBe(false);
    // One node short: cut.
    const cut = await neighborhood('ids: ["muskar"], depth: 1, maxNodes: 3');
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(3);
    expect(cut.nodes).toContain("muskar");
    const level = await neighborhood('ids: ["muskar"], depth: 2, maxNodes: 4');
    expect(level).toEqual({ nodes: sorted(DEPTH_1), relations: sorted(DEPTH_1_RELATIONS), truncated: true });
    const seven = await neighborhood('ids: ["muskar"], depth: 2, maxNodes: 7');
    expect(seven.truncated).toBe(true);
    expect(seven.nodes).toHaveLength(7);
    expect(seven.nodes).toEqual(expect.arrayContaining(DEPTH_1));
    expect(await neighborhood('ids: ["muskar"], depth: 1, maxNodes: 1')).toEqual({
      nodes: ["muskar"],
      relations: [],
      truncated: true,
    });
  });
});

describe("paths and the timeline", () => {
  const paths = async (args: string) => {
    const { paths } = await api.query<{
      paths: { length: number; nodes: { id: string }[]; relations: { id: string }[] }[];
    }>(`{ paths(${args}) { length nodes { id } relations { id } } }`);
    return paths.map((path) => ({
      length: path.length,
      nodes: path.nodes.map((node) => node.id),
      relations: path.relations.map((relation) => relation.id),
    }));
  };

  it("finds the shortest paths, as chains of relations, within maxLength", async () => {
    expect(await paths('from: "muskar", to: "bordurian-prisoners"')).toEqual([
      { length: 2, nodes: ["muskar", "syldavia", "bordurian-prisoners"], relations: [R.leads, R.released] },
    ]);
    const four = {
      length: 4,
      nodes: ["klow", "klow-summit", "muskar", "borduria", "syldavian-fishermen"],
      relations: [R.heldIn, R.attended, R.criticized, R.fishermen],
    };
    expect(await paths('from: "klow", to: "syldavian-fishermen", maxLength: 4')).toEqual([four]);
    expect(await paths('from: "klow", to: "syldavian-fishermen", maxLength: 3')).toEqual([]);
    // Two relations join Borduria and Syldavia: two shortest paths, and first: 1 keeps one.
    const parallel = await paths('from: "borduria", to: "syldavia"');
    expect(sorted(parallel.map((path) => path.relations[0]!))).toEqual(sorted([R.met, R.mayCriticize]));
    expect(parallel.every((path) => path.length === 1)).toBe(true);
    expect(await paths('from: "borduria", to: "syldavia", first: 1')).toHaveLength(1);
    expect(await paths('from: "borduria", to: "syldavia", where: { modality: [HEDGED] }')).toEqual([
      { length: 1, nodes: ["borduria", "syldavia"], relations: [R.mayCriticize] },
    ]);
    expect(await paths('from: "muskar", to: "zembla", maxLength: 6')).toEqual([]);
  });

  it("lists dated events in date order, for an actor, within dates, up to first", async () => {
    const timeline = async (args: string) =>
      (
        await api.query<{ timeline: { id: string }[] }>(`{ timeline${args ? `(${args})` : ""} { id } }`)
      ).timeline.map((event) => event.id);
    expect(await timeline("")).toEqual(["klow-summit", "prisoner-release", "border-talks"]);
    expect(await timeline('from: "2024-03-15"')).toEqual(["prisoner-release", "border-talks"]);
    expect(await timeline('to: "2024-03-14"')).toEqual(["klow-summit"]);
    expect(await timeline('from: "2024-04-30", to: "2024-12"')).toEqual(["border-talks"]);
    expect(await timeline('actor: "muskar"')).toEqual(["klow-summit"]);
    expect(await timeline('actor: "borduria"')).toEqual(["border-talks"]);
    expect(await timeline('actor: "syldavia"')).toEqual([]);
    expect(await timeline("first: 2")).toEqual(["klow-summit", "prisoner-release"]);
    const { json } = await api.post({ query: '{ timeline(actor: "klow-summit") { id } }' });
    expect(json.errors?.[0]?.message).toBe('actor: "klow-summit" is not an actor');
  });
});
