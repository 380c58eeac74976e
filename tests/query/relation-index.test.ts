import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import type { KnowledgeGraph, Relation } from "../../server/graph/types.ts";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import { nodeRelations, type Direction } from "../../server/query/node-relations.ts";
import { nodeRelationsPage, RelationOrders } from "../../server/query/node-relations-page.ts";
import { paginateSorted } from "../../server/query/paginate.ts";
import { compileRelationFilter, type RelationFilter } from "../../server/query/relation-filter.ts";
import { RelationIndex } from "../../server/query/relation-index.ts";
import { selectRelations } from "../../server/query/select-relations.ts";
import { updateRelationIndexes } from "../../server/query/index-update.ts";
import { compareRelations, type RelationSortField } from "../../server/query/sort.ts";
import { generateGraphData } from "../../scripts/synthetic/generate.ts";
import { Random } from "../../scripts/synthetic/random.ts";

const ids = (relations: Iterable<Relation>) => [...relations].map((relation) => relation.id).sort();

/** The plain answer: every relation tested against the compiled filter. */
const scan = (knowledge: KnowledgeGraph, filter: RelationFilter) =>
  [...knowledge.relations.values()].filter(compileRelationFilter(knowledge, filter));

/**
 * Indexed answers against the plain scan on a generated graph: relation filters under every
 * combination of the indexed conditions (type, family, source, subject, object, involves), each
 * with and without the conditions the indexes do not cover; hubs' relation pages against a full
 * sort; and indexes kept up to date against indexes built afresh.
 */
describe("relation indexes on a generated graph", async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), "peacegraph-relation-index-")), "g");
  generateGraphData({ claims: 6_000, seed: 29, out });
  const model = await loadGraphDataStrict(out);
  const knowledge = buildKnowledgeGraph(model);
  const index = new RelationIndex(knowledge);
  const relations = [...knowledge.relations.values()];
  const nodes = knowledge.graph.nodes();
  const types = [...model.relationTypes.keys()];
  const sources = [...model.sources.keys()];
  const random = new Random(41);

  const INDEXED = ["type", "family", "source", "subject", "object", "involves"] as const;
  /**
   * Values for a condition: the anchor relation's own (so the combination of conditions is met by
   * at least that relation, unless the unindexed ones rule it out), sometimes with others.
   */
  function values(key: (typeof INDEXED)[number], anchor: Relation): string[] {
    const own = {
      type: anchor.type,
      family: knowledge.relationType(anchor.type)!.family,
      source: random.pick(anchor.sources),
      subject: anchor.subject,
      object: anchor.object,
      involves: random.chance(0.5) ? anchor.subject : anchor.object,
    }[key];
    const other = {
      type: () => random.pick(types),
      family: () => random.pick(["COOPERATION", "conflict", "neutral", "STRUCTURAL"]),
      source: () => random.pick(sources),
      subject: () => random.pick(nodes),
      object: () => random.pick(nodes),
      involves: () => random.pick(nodes),
    }[key];
    const list = [own];
    while (random.chance(0.4)) list.push(other());
    return random.chance(0.1) ? [other()] : list;
  }
  /** Conditions no index covers, so the predicate must still decide. */
  function unindexed(): RelationFilter {
    const filter: RelationFilter = {};
    if (random.chance(0.3)) filter.minCorroboration = random.int(1, 3);
    if (random.chance(0.3)) filter.dateFrom = String(random.int(1990, 2020));
    if (random.chance(0.2))
      filter.modality = [random.pick(["ASSERTED", "ANNOUNCED", "hedged", "negated"] as const)];
    if (random.chance(0.2)) filter.subjectKind = [random.pick(["actor", "EVENT", "place"] as const)];
    if (random.chance(0.2)) filter.minConfidence = random.pick([0.5, 0.8, 0.95]);
    if (random.chance(0.2)) filter.dateOrigin = [random.pick(["CLAIM", "event", "NONE"] as const)];
    return filter;
  }

  it("answers every combination of indexed conditions as the plain scan does", () => {
    let nonEmpty = 0;
    for (let mask = 0; mask < 1 << INDEXED.length; mask++) {
      for (let trial = 0; trial < 6; trial++) {
        const filter: RelationFilter = trial % 2 === 0 ? {} : unindexed();
        const anchor = random.pick(relations);
        INDEXED.forEach((key, bit) => {
          if (mask & (1 << bit)) (filter as Record<string, string[]>)[key] = values(key, anchor);
        });
        const selected = selectRelations(knowledge, index, filter);
        expect(new Set(selected).size, JSON.stringify(filter)).toBe(selected.length);
        expect(ids(selected), JSON.stringify(filter)).toEqual(ids(scan(knowledge, filter)));
        if (selected.length > 0) nonEmpty++;
      }
    }
    // The combinations must not all be trivially empty.
    expect(nonEmpty).toBeGreaterThan(120);
    expect(ids(selectRelations(knowledge, index, null))).toEqual(ids(relations));
  });

  it("refuses what the scan refuses, with the same argument named", () => {
    expect(() => selectRelations(knowledge, index, { type: ["WELCOMES"] })).toThrow(
      /where\.type: unknown relation type "WELCOMES"/,
    );
    expect(() => selectRelations(knowledge, index, { source: ["nowhere"] })).toThrow(/where\.source/);
  });

  it("pages a hub's relations from a kept order exactly as a full sort pages them", () => {
    const orders = new RelationOrders({ minDegree: 50, maxOrders: 4 });
    const hubs = nodes
      .filter((node) => (knowledge.incident.get(node)?.length ?? 0) >= 50)
      .sort((a, b) => knowledge.incident.get(b)!.length - knowledge.incident.get(a)!.length)
      .slice(0, 6);
    expect(hubs.length).toBeGreaterThan(3);
    const fields: RelationSortField[] = ["DATE", "ID", "CORROBORATION", "CONFIDENCE", "TYPE"];
    for (const hub of hubs) {
      for (const direction of ["BOTH", "OUTGOING", "INCOMING"] as Direction[]) {
        for (const field of fields) {
          const order = random.chance(0.5) ? "ASC" : "DESC";
          const filter = random.chance(0.5) ? undefined : { minCorroboration: 2 };
          const keep = filter && compileRelationFilter(knowledge, filter);
          const all = nodeRelations(knowledge, hub, direction, keep ?? (() => true));
          let after: string | null = null;
          for (const first of [7, 20, 100]) {
            const kept = nodeRelationsPage(
              knowledge,
              orders,
              hub,
              direction,
              keep,
              { field, order },
              first,
              after,
            );
            const sorted = paginateSorted(all, compareRelations(field, order), first, after);
            expect(kept.items.map((item) => [item.cursor, item.node.id])).toEqual(
              sorted.items.map((item) => [item.cursor, item.node.id]),
            );
            expect([kept.totalCount, kept.hasNextPage, kept.hasPreviousPage]).toEqual([
              sorted.totalCount,
              sorted.hasNextPage,
              sorted.hasPreviousPage,
            ]);
            after = kept.items.at(-1)?.cursor ?? after;
          }
        }
      }
    }
  });

  it("kept up to date as claims and relations come and go, equals an index built afresh", () => {
    const updated = new RelationIndex(knowledge);
    const orders = new RelationOrders({ minDegree: 1, maxOrders: 1000 });
    for (const node of nodes) orders.sorted(knowledge, node, "ID", "ASC");
    // Take away a third of the claims, as rejections would.
    const taken = model.claims.filter(() => random.chance(0.33));
    const takenIds = new Set(taken.map((claim) => claim.id));
    const smaller = buildKnowledgeGraph({
      ...model,
      claims: model.claims.filter((claim) => !takenIds.has(claim.id)),
    });
    const removed = relations.filter((relation) => !smaller.relations.has(relation.id));
    const changed = relations.filter(
      (relation) =>
        smaller.relations.has(relation.id) &&
        smaller.relations.get(relation.id)!.claims.length !== relation.claims.length,
    );
    updateRelationIndexes(updated, orders, {
      claimsBefore: taken,
      claimsAdded: [],
      relationsAdded: [],
      relationsChanged: changed,
      relationsRemoved: removed,
    });
    expect(updated.contents()).toEqual(new RelationIndex(smaller).contents());
    // The orders of every node at an end of a touched relation are gone; the others are kept.
    const touched = new Set(
      [...removed, ...changed].flatMap((relation) => [relation.subject, relation.object]),
    );
    expect(touched.size).toBeGreaterThan(0);
    const untouched = nodes.filter((node) => !touched.has(node) && knowledge.incident.has(node));
    expect(untouched.length).toBeGreaterThan(0);
    for (const node of untouched) expect(orders.isKept(node, "ID", "ASC")).toBe(true);
    for (const node of touched) expect(orders.isKept(node, "ID", "ASC")).toBe(false);

    // And back again.
    updateRelationIndexes(updated, orders, {
      claimsBefore: [],
      claimsAdded: taken,
      relationsAdded: removed,
      relationsChanged: changed,
      relationsRemoved: [],
    });
    expect(updated.contents()).toEqual(new RelationIndex(knowledge).contents());
    for (let trial = 0; trial < 40; trial++) {
      const anchor = random.pick(relations);
      const filter = { type: values("type", anchor), source: values("source", anchor) };
      expect(ids(selectRelations(knowledge, updated, filter))).toEqual(ids(scan(knowledge, filter)));
    }
  });

  it("follows a relation whose date changes in place, for filters by type and date", () => {
    // A fresh graph, since dates are changed in place here.
    const local = buildKnowledgeGraph(model);
    const localIndex = new RelationIndex(local);
    const orders = new RelationOrders({ minDegree: 1, maxOrders: 8 });
    const dated = [...local.relations.values()].filter((relation) => relation.date !== null);
    const moved = Array.from({ length: 60 }, () => random.pick(dated));
    const undated = [...local.relations.values()].find((relation) => relation.date === null)!;
    for (const relation of moved) {
      // As an edit re-deriving the relation in place would: a date from another relation.
      Object.assign(relation, { date: random.pick(dated).date, dateOrigin: "claim" });
    }
    Object.assign(undated, { date: dated[0]!.date, dateOrigin: "claim" });
    updateRelationIndexes(localIndex, orders, {
      claimsBefore: [],
      claimsAdded: [],
      relationsAdded: [],
      relationsChanged: [...moved, undated],
      relationsRemoved: [],
    });
    for (const relation of [...moved, undated]) {
      for (const dateFrom of ["1990", "2005-06", "2020-01-31"]) {
        const filter = { type: [relation.type], dateFrom };
        expect(ids(selectRelations(local, localIndex, filter)), JSON.stringify(filter)).toEqual(
          ids(scan(local, filter)),
        );
      }
    }
  });

  it("drops a hub's kept order when its relations change", () => {
    const orders = new RelationOrders({ minDegree: 1, maxOrders: 8 });
    const hub = nodes.reduce((a, b) =>
      (knowledge.incident.get(a)?.length ?? 0) >= (knowledge.incident.get(b)?.length ?? 0) ? a : b,
    );
    const before = orders.sorted(knowledge, hub, "ID", "ASC")!;
    expect(orders.sorted(knowledge, hub, "ID", "ASC")).toBe(before);
    orders.invalidate([hub]);
    expect(orders.sorted(knowledge, hub, "ID", "ASC")).not.toBe(before);
  });
});
