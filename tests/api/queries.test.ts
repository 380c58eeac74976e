import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

type Hit = { node: { id: string; label: string }; matched: string };
type RelationNode = {
  id: string;
  type: string;
  count: number | null;
  corroboration: number;
  cameo: string | null;
  claims: { quote: string; source: { id: string; url: string | null } }[];
};

describe("one example per root field, over HTTP, on the seed graph", () => {
  it("node: an actor with its identifiers, and null for an unknown id", async () => {
    const data = await api.query<{ armenia: Record<string, unknown>; missing: null }>(`{
      armenia: node(id: "armenia") { id ... on Actor { label kind type wikidata wikidataUrl cameo degree } }
      missing: node(id: "atlantis") { id }
    }`);
    expect(data.armenia).toMatchObject({
      id: "armenia",
      label: "Armenia",
      kind: "ACTOR",
      wikidata: "Q399",
      cameo: "ARM",
    });
    expect(data.armenia.wikidataUrl).toBe("https://www.wikidata.org/wiki/Q399");
    expect(data.armenia.degree).toBe(api.store.knowledge.graph.degree("armenia"));
    expect(data.missing).toBeNull();
  });

  it("nodes: several kinds of object by id, in order", async () => {
    const data = await api.query<{ nodes: ({ __typename: string; id: string } | null)[] }>(`{
      nodes(ids: ["bnn-2023-12-29", "nagorno-karabakh", "nope", "armenia--ISSUED--joint-statement-2023-12"]) { __typename id }
    }`);
    expect(data.nodes.map((node) => node?.__typename ?? null)).toEqual(["Source", "Place", null, "Relation"]);
  });

  it("search: ignores case and diacritics, best match first", async () => {
    const data = await api.query<{ turkiye: Hit[]; antonio: Hit[]; yerevan: Hit[] }>(`{
      turkiye: search(text: "Turkiye", first: 3) { node { id label } matched score }
      antonio: search(text: "ANTONIO", first: 3) { node { id label } matched score }
      yerevan: search(text: "yerevan") { node { id } matched }
    }`);
    expect(data.turkiye[0]?.node.id).toBe("turkey");
    expect(data.antonio[0]?.node).toEqual({ id: "antonio-guterres", label: "António Guterres" });
    expect(data.yerevan[0]?.node.id).toBe("armenia");
  });

  it("actors: a Relay connection that pages without gaps or repeats", async () => {
    const page = `query ($after: String) {
      actors(first: 10, after: $after, sort: { field: LABEL }) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id label } }
      }
    }`;
    type Page = {
      actors: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string; label: string } }[];
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 20; guard++) {
      const data: Page = await api.query<Page>(page, { after });
      total = data.actors.totalCount;
      seen.push(...data.actors.edges.map((edge) => edge.node.id));
      if (!data.actors.pageInfo.hasNextPage) break;
      after = data.actors.pageInfo.endCursor;
    }
    const actorIds = [...api.store.knowledge.model.entities.values()]
      .filter((e) => e.kind === "actor")
      .map((e) => e.id);
    expect(total).toBe(actorIds.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...actorIds].sort());

    const people = await api.query<{ actors: { nodes: { id: string }[] } }>(
      `{ actors(where: { type: ["person"] }, first: 100) { nodes { id } } }`,
    );
    expect(people.actors.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(["nikol-pashinyan", "ilham-aliyev", "antonio-guterres"]),
    );
  });

  it("events: filtered by date range, with the conflicting date flagged", async () => {
    const data = await api.query<{
      events: { nodes: { id: string; date: { start: string } | null; conflicts: { id: string }[] }[] };
    }>(`{
      events(where: { dateFrom: "2023-12", dateTo: "2023-12" }, sort: { field: DATE }, first: 100) {
        nodes { id date { text start precision } conflicts { id } }
      }
    }`);
    const statement = data.events.nodes.find((event) => event.id === "joint-statement-2023-12");
    expect(statement?.conflicts.map((c) => c.id)).toContain("joint-statement-2023-12#date");
    for (const event of data.events.nodes) expect(event.date?.start.startsWith("2023-12")).toBe(true);
  });

  it("places: Nagorno-Karabakh is a place of its own", async () => {
    const data = await api.query<{ places: { nodes: { id: string; kind: string }[] } }>(
      `{ places(first: 100) { nodes { id kind } } }`,
    );
    expect(data.places.nodes).toContainEqual({ id: "nagorno-karabakh", kind: "PLACE" });
  });

  it("relations: a release with its count, codes, quote and source", async () => {
    const data = await api.query<{ relations: { nodes: RelationNode[] } }>(`{
      relations(where: { type: ["RELEASED"], subject: ["azerbaijan"] }) {
        nodes { id type count corroboration cameo claims { quote source { id url } } }
      }
    }`);
    const release = data.relations.nodes.find((relation) => relation.count === 32);
    expect(release).toBeDefined();
    expect(release?.cameo).toBe("0841");
    expect(release?.claims[0]?.quote).toContain("Azerbaijan released 32 Armenian soldiers");
    expect(release?.claims[0]?.source.url).toMatch(/^https:\/\/bnnbreaking\.com\//);
  });

  it("relations: minimum corroboration keeps only relations both articles support", async () => {
    const data = await api.query<{ relations: { totalCount: number; nodes: RelationNode[] } }>(`{
      relations(where: { minCorroboration: 2 }, first: 100, sort: { field: CORROBORATION, order: DESC }) {
        totalCount nodes { id corroboration claims { source { id } } }
      }
    }`);
    expect(data.relations.nodes.map((relation) => relation.id)).toContain(
      "armenia--ISSUED--joint-statement-2023-12",
    );
    for (const relation of data.relations.nodes) {
      expect(new Set(relation.claims.map((claim) => claim.source.id)).size).toBe(relation.corroboration);
      expect(relation.corroboration).toBeGreaterThanOrEqual(2);
    }
  });

  it("neighborhood: Guterres leads the UN, one step away", async () => {
    const data = await api.query<{
      neighborhood: { nodes: { id: string }[]; relations: { id: string }[]; truncated: boolean };
    }>(`{
      neighborhood(ids: ["antonio-guterres"], depth: 1) { nodes { id } relations { id } truncated }
    }`);
    expect(data.neighborhood.nodes.map((n) => n.id)).toContain("united-nations");
    expect(data.neighborhood.relations.map((r) => r.id)).toContain("antonio-guterres--LEADS--united-nations");
    expect(data.neighborhood.truncated).toBe(false);

    const capped = await api.query<{ neighborhood: { nodes: unknown[]; truncated: boolean } }>(
      `{ neighborhood(ids: ["armenia"], depth: 2, maxNodes: 5) { nodes { id } truncated } }`,
    );
    expect(capped.neighborhood.nodes).toHaveLength(5);
    expect(capped.neighborhood.truncated).toBe(true);
  });

  it("paths: shortest chains from Guterres to Azerbaijan, each joined end to end", async () => {
    const data = await api.query<{
      paths: {
        length: number;
        nodes: { id: string }[];
        relations: { subject: { id: string }; object: { id: string } }[];
      }[];
    }>(`{
      paths(from: "antonio-guterres", to: "azerbaijan", maxLength: 4, first: 3) {
        length nodes { id } relations { subject { id } object { id } }
      }
    }`);
    expect(data.paths.length).toBeGreaterThan(0);
    const shortest = data.paths[0]!.length;
    for (const path of data.paths) {
      expect(path.length).toBe(shortest);
      expect(path.nodes[0]?.id).toBe("antonio-guterres");
      expect(path.nodes.at(-1)?.id).toBe("azerbaijan");
      path.relations.forEach((relation, i) => {
        const ends = [relation.subject.id, relation.object.id].sort();
        expect(ends).toEqual([path.nodes[i]!.id, path.nodes[i + 1]!.id].sort());
      });
    }
  });

  it("timeline: Azerbaijan's dated events in order, from 1988 on", async () => {
    const data = await api.query<{ timeline: { id: string; date: { start: string } }[] }>(
      `{ timeline(actor: "azerbaijan") { id date { start } } }`,
    );
    const starts = data.timeline.map((event) => event.date.start);
    expect(starts.length).toBeGreaterThan(3);
    expect([...starts].sort()).toEqual(starts);
    expect(data.timeline.map((event) => event.id)).toContain("september-2023-offensive");
  });

  it("conflicts, sources, relationTypes, nodeTypes and stats", async () => {
    const data = await api.query<{
      conflicts: { target: { id: string }; values: { value: string; claims: { quote: string }[] }[] }[];
      sources: {
        id: string;
        outlet: string | null;
        url: string | null;
        published: { text: string } | null;
        claimCount: number;
      }[];
      relationTypes: {
        id: string;
        cameo: string | null;
        goldstein: number | null;
        family: string;
        count: number;
      }[];
      nodeTypes: { id: string; kind: string; count: number }[];
      stats: { nodes: number; relations: number; claims: number; sources: number; conflicts: number };
    }>(`{
      conflicts { target { id } values { value claims { quote } } }
      sources { id outlet url published { text } claimCount }
      relationTypes { id cameo goldstein family count }
      nodeTypes { id kind count }
      stats { nodes relations claims sources conflicts nodesByKind { key count } }
    }`);
    const statement = data.conflicts.find((conflict) => conflict.target.id === "joint-statement-2023-12");
    expect(statement?.values.map((value) => value.value).sort()).toEqual(["2023-12-07", "2023-12-08"]);
    expect(statement?.values.flatMap((value) => value.claims.map((claim) => claim.quote)).join(" ")).toMatch(
      /December 7, 2023/,
    );
    expect(data.sources.find((s) => s.id === "normalization-2023-12")).toMatchObject({
      outlet: null,
      url: null,
      published: null,
    });
    expect(data.sources.reduce((sum, s) => sum + s.claimCount, 0)).toBe(data.stats.claims);
    expect(data.relationTypes.find((t) => t.id === "RELEASED")).toMatchObject({
      cameo: "0841",
      goldstein: 7,
      family: "COOPERATION",
    });
    expect(data.relationTypes.find((t) => t.id === "ATTACKED")?.family).toBe("CONFLICT");
    expect(data.relationTypes.reduce((sum, t) => sum + t.count, 0)).toBe(data.stats.relations);
    expect(data.nodeTypes.reduce((sum, t) => sum + t.count, 0)).toBe(data.stats.nodes);
    expect(data.stats).toMatchObject({ sources: 2, conflicts: api.store.knowledge.conflicts.length });
  });

  it("an entity's relations take direction, filters and sort", async () => {
    const data = await api.query<{
      node: {
        out: { totalCount: number; nodes: { subject: { id: string } }[] };
        in: { nodes: { object: { id: string } }[] };
        welcomed: { nodes: { type: string }[] };
      };
    }>(`{
      node(id: "european-union") {
        ... on Actor {
          out: relations(direction: OUTGOING, first: 100) { totalCount nodes { subject { id } } }
          in: relations(direction: INCOMING, first: 100) { nodes { object { id } } }
          welcomed: relations(where: { type: ["WELCOMED"] }) { nodes { type } }
        }
      }
    }`);
    expect(data.node.out.nodes.length).toBeGreaterThan(0);
    expect(data.node.in.nodes.length).toBeGreaterThan(0);
    for (const relation of data.node.out.nodes) expect(relation.subject.id).toBe("european-union");
    for (const relation of data.node.in.nodes) expect(relation.object.id).toBe("european-union");
    expect(data.node.welcomed.nodes.length).toBeGreaterThan(0);
    for (const relation of data.node.welcomed.nodes) expect(relation.type).toBe("WELCOMED");
  });
});

describe("errors", () => {
  const badInput = async (query: string) => {
    const { status, json } = await api.post({ query });
    expect(status).toBe(200);
    expect(json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    return json.errors![0]!;
  };

  it("names the argument and the reason", async () => {
    expect((await badInput(`{ actors(first: 101) { totalCount } }`)).message).toBe(
      "first: must be a whole number from 1 to 100, got 101",
    );
    expect(
      (await badInput(`{ relations(where: { dateFrom: "2023-02-30" }) { totalCount } }`)).extensions
        ?.argumentName,
    ).toBe("where.dateFrom");
    expect((await badInput(`{ relations(where: { type: ["HUGGED"] }) { totalCount } }`)).message).toMatch(
      /unknown relation type "HUGGED"/,
    );
    expect((await badInput(`{ neighborhood(ids: ["atlantis"]) { truncated } }`)).message).toBe(
      'ids: unknown node "atlantis"',
    );
    expect((await badInput(`{ search(text: "  ") { score } }`)).extensions?.argumentName).toBe("text");
    expect((await badInput(`{ actors(after: "bogus") { totalCount } }`)).extensions?.argumentName).toBe(
      "after",
    );
  });

  it("rejects a query against the schema with a clear message and no schema leak", async () => {
    const { status, json } = await api.post({ query: "{ actorz { totalCount } }" });
    expect(status).toBe(400);
    expect(json.errors?.[0]?.message).toMatch(/Cannot query field "actorz" on type "Query"/);
    expect(json.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it("reports the cost of every operation", async () => {
    const { json } = await api.post({ query: "{ stats { nodes } }" });
    expect(json.extensions?.cost).toEqual({ requested: 2, budget: 10_000 });
  });
});
