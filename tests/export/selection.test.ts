import { beforeAll, describe, expect, it } from "vitest";
import { selectSubgraph, UNLIMITED, type ExportLimits } from "../../server/export/selection.ts";
import {
  parseSelectionParams,
  selectByParams,
  type SelectionParam,
} from "../../server/export/selection-params.ts";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import type { KnowledgeGraph } from "../../server/graph/types.ts";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import { compileRelationFilter, dateArgument, dateInRange } from "../../server/query/relation-filter.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { readReferenceGraph, referenceNeighbourhood } from "../helpers/reference-graph.ts";

/** What a selection means, on the seed graph: one module behind GraphQL, HTTP and the CLI. */

let knowledge: KnowledgeGraph;
beforeAll(async () => {
  knowledge = buildKnowledgeGraph(await loadGraphDataStrict(GRAPH_DATA));
});

const kindOf = (id: string) => knowledge.graph.getNodeAttribute(id, "kind");
const sorted = (values: Iterable<string>) => [...values].sort();
const relationIds = (relations: { id: string }[]) => sorted(relations.map((relation) => relation.id));

describe("selectSubgraph", () => {
  it("with nothing given, is the whole graph", () => {
    const all = selectSubgraph(knowledge, {}, UNLIMITED);
    expect(all.nodes).toEqual(knowledge.graph.nodes());
    expect(relationIds(all.relations)).toEqual(sorted(knowledge.graph.edges()));
    expect(all.truncated).toBe(false);
  });

  it("with ids and depth, is the reference breadth-first search over the YAML (defaulting to depth 1)", () => {
    const reference = readReferenceGraph(GRAPH_DATA);
    for (const depth of [0, 1, 2]) {
      const selected = selectSubgraph(knowledge, { ids: ["armenia"], depth }, UNLIMITED);
      const expected = referenceNeighbourhood(reference, ["armenia"], depth);
      expect(expected.nodes.length).toBeGreaterThan(depth);
      expect(sorted(selected.nodes)).toEqual(expected.nodes);
      expect(relationIds(selected.relations)).toEqual(expected.relations);
    }
    expect(selectSubgraph(knowledge, { ids: ["armenia"] }, UNLIMITED)).toEqual(
      selectSubgraph(knowledge, { ids: ["armenia"], depth: 1 }, UNLIMITED),
    );
  });

  it("with kinds alone, keeps every node of those kinds and the relations among them", () => {
    const selected = selectSubgraph(knowledge, { kinds: ["actor", "PLACE"] }, UNLIMITED);
    const expected = knowledge.graph.filterNodes((id) => kindOf(id) !== "event");
    expect(selected.relations.length).toBeGreaterThan(0);
    expect(selected.nodes).toEqual(expected);
    for (const relation of selected.relations) {
      expect(kindOf(relation.subject)).not.toBe("event");
      expect(kindOf(relation.object)).not.toBe("event");
    }
    const among = knowledge.graph.filterEdges(
      (_id, _relation, source, target) => kindOf(source) !== "event" && kindOf(target) !== "event",
    );
    expect(relationIds(selected.relations)).toEqual(sorted(among));
  });

  it("with relation filters alone, keeps the passing relations and the nodes they join", () => {
    const where = { type: ["ISSUED", "ATTACKED"], dateFrom: "2023", dateTo: "2023-12" };
    const selected = selectSubgraph(knowledge, { where }, UNLIMITED);
    const from = dateArgument("from", "2023");
    const to = dateArgument("to", "2023-12");
    const expected = [...knowledge.relations.values()].filter(
      (relation) => where.type.includes(relation.type) && dateInRange(relation.date, from, to),
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(relationIds(selected.relations)).toEqual(relationIds(expected));
    expect(sorted(selected.nodes)).toEqual(
      sorted(new Set(expected.flatMap((relation) => [relation.subject, relation.object]))),
    );
  });

  it("by source, keeps relations with a claim from it", () => {
    const selected = selectSubgraph(knowledge, { where: { source: ["normalization-2023-12"] } }, UNLIMITED);
    expect(selected.relations.length).toBeGreaterThan(0);
    for (const relation of selected.relations) expect(relation.sources).toContain("normalization-2023-12");
    const keep = compileRelationFilter(knowledge, { source: ["normalization-2023-12"] });
    expect(selected.relations.length).toBe([...knowledge.relations.values()].filter(keep).length);
  });

  it("combines ids and depth with filters: it follows and keeps only passing relations", () => {
    const selected = selectSubgraph(
      knowledge,
      { ids: ["armenia"], depth: 2, where: { type: ["SIGNED", "ISSUED"] } },
      UNLIMITED,
    );
    const expected = referenceNeighbourhood(readReferenceGraph(GRAPH_DATA), ["armenia"], 2, (relation) =>
      ["SIGNED", "ISSUED"].includes(relation.type),
    );
    expect(expected.relations.length).toBeGreaterThan(1);
    expect(sorted(selected.nodes)).toEqual(expected.nodes);
    expect(relationIds(selected.relations)).toEqual(expected.relations);
  });

  it("keeps the start ids whatever their kind, and only nodes of the kinds around them", () => {
    const selected = selectSubgraph(knowledge, { ids: ["armenia"], depth: 1, kinds: ["event"] }, UNLIMITED);
    expect(selected.nodes).toContain("armenia");
    expect(selected.nodes.length).toBeGreaterThan(1);
    for (const id of selected.nodes) if (id !== "armenia") expect(kindOf(id)).toBe("event");
    expect(selected.relations.length).toBeGreaterThan(0);
  });

  it("refuses bad arguments by name", () => {
    expect(() => selectSubgraph(knowledge, { kinds: ["person" as "actor"] }, UNLIMITED)).toThrow(
      /^kinds: unknown node kind "person"/,
    );
    expect(() => selectSubgraph(knowledge, { depth: 1 }, UNLIMITED)).toThrow(/^depth: needs ids/);
    expect(() => selectSubgraph(knowledge, { ids: ["atlantis"] }, UNLIMITED)).toThrow(
      /^ids: unknown node "atlantis"/,
    );
    expect(() => selectSubgraph(knowledge, { ids: ["armenia"], depth: 4 }, UNLIMITED)).toThrow(
      /^depth: must be a whole number/,
    );
  });

  it("accepts a selection exactly at the limits and refuses one over them", () => {
    const whole = selectSubgraph(knowledge, {}, UNLIMITED);
    const exact: ExportLimits = {
      maxNodes: whole.nodes.length,
      maxRelations: whole.relations.length,
      maxIds: Infinity,
    };
    expect(selectSubgraph(knowledge, {}, exact).relations.length).toBe(whole.relations.length);
    expect(() => selectSubgraph(knowledge, {}, { ...exact, maxRelations: exact.maxRelations - 1 })).toThrow(
      /has 157 relations, over the export limit of 156 relations \(limits\.maxExportRelations\)/,
    );
    expect(() => selectSubgraph(knowledge, {}, { ...exact, maxNodes: exact.maxNodes - 1 })).toThrow(
      /has 81 nodes, over the export limit of 80 nodes \(limits\.maxExportNodes\)/,
    );
    const neighbours = selectSubgraph(knowledge, { ids: ["armenia"], depth: 1 }, UNLIMITED).nodes.length;
    expect(
      selectSubgraph(knowledge, { ids: ["armenia"], depth: 1 }, { ...exact, maxNodes: neighbours }).nodes,
    ).toHaveLength(neighbours);
    expect(() =>
      selectSubgraph(knowledge, { ids: ["armenia"], depth: 1 }, { ...exact, maxNodes: neighbours - 1 }),
    ).toThrow(/more than \d+ nodes/);
  });
});

describe("selection parameters (HTTP query and CLI flags)", () => {
  const params = (entries: [SelectionParam, string[]][]) => new Map(entries);

  it("reads comma-separated and repeated lists, trimming blanks", () => {
    expect(
      parseSelectionParams(
        params([
          ["ids", ["armenia, azerbaijan", "russia,"]],
          ["depth", ["2"]],
          ["kinds", ["actor"]],
          ["types", ["WELCOMED"]],
        ]),
      ),
    ).toEqual({
      ids: ["armenia", "azerbaijan", "russia"],
      depth: 2,
      kinds: ["actor"],
      where: { type: ["WELCOMED"], dateFrom: undefined, dateTo: undefined, source: undefined },
    });
  });

  it("names refusals after the parameter, not the query layer's argument", () => {
    expect(() => selectByParams(knowledge, params([["from", ["2023-13"]]]), UNLIMITED)).toThrow(/^from: /);
    expect(() => selectByParams(knowledge, params([["to", ["soon"]]]), UNLIMITED)).toThrow(/^to: /);
    expect(() => selectByParams(knowledge, params([["types", ["NOPE"]]]), UNLIMITED)).toThrow(/^types: /);
    expect(() => selectByParams(knowledge, params([["sources", ["nope"]]]), UNLIMITED)).toThrow(/^sources: /);
    expect(() => selectByParams(knowledge, params([["depth", ["-1"]]]), UNLIMITED)).toThrow(/^depth: /);
  });
});
