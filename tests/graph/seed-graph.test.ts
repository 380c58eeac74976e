import { beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import type { KnowledgeGraph } from "../../server/graph/types.ts";
import { loadGraphData } from "../../server/model/load.ts";
import { formatProblem } from "../../server/model/problems.ts";
import { GRAPH_DATA, PROJECT_ROOT } from "../helpers/fixture.ts";

let knowledge: KnowledgeGraph;

beforeAll(async () => {
  const { model, problems } = await loadGraphData(GRAPH_DATA, PROJECT_ROOT);
  expect(problems.map(formatProblem)).toEqual([]);
  knowledge = buildKnowledgeGraph(model);
});

describe("the curated seed graph", () => {
  it("cites both seed articles, with unknown metadata left unknown", () => {
    const bnn = knowledge.model.sources.get("bnn-2023-12-29");
    expect(bnn).toMatchObject({ outlet: "BNN Breaking", author: "Momen Zellmi" });
    expect(bnn?.published?.text).toBe("2023-12-29");
    expect(bnn?.url).toMatch(/^https:\/\/bnnbreaking\.com\//);
    const second = knowledge.model.sources.get("normalization-2023-12");
    expect(second).toMatchObject({ outlet: null, url: null, published: null, author: null });
  });

  it("quotes every claim verbatim from its own source", () => {
    expect(knowledge.model.claims.length).toBeGreaterThan(0);
    for (const claim of knowledge.model.claims) {
      const text = knowledge.model.sources.get(claim.source)?.text ?? "";
      expect(claim.quoteStart, claim.id).toBeGreaterThanOrEqual(0);
      expect(text.slice(claim.quoteStart, claim.quoteStart + claim.quote.length), claim.id).toBe(claim.quote);
    }
  });

  it("has the design card's eight actors, with their identifiers", () => {
    const expected = {
      armenia: ["Q399", "ARM"],
      azerbaijan: ["Q227", "AZE"],
      "european-union": ["Q458", "IGOEEC"],
      "united-states": ["Q30", "USA"],
      russia: ["Q159", "RUS"],
      turkey: ["Q43", "TUR"],
      "united-nations": ["Q1065", "IGOUNO"],
      icj: ["Q7801", "IGOUNOICJ"],
    };
    for (const [id, [wikidata, cameo]] of Object.entries(expected)) {
      const entity = knowledge.model.entities.get(id);
      expect(entity?.kind, id).toBe("actor");
      expect([entity?.wikidata, entity?.cameo], id).toEqual([wikidata, cameo]);
    }
  });

  it("finds the conflict over the joint statement's date, keeping both claims", () => {
    const conflict = knowledge.conflicts.find(
      (candidate) => candidate.target.id === "joint-statement-2023-12" && candidate.property === "date",
    );
    expect(conflict).toBeDefined();
    const bySource = Object.fromEntries(
      (conflict?.values ?? []).flatMap((value) => value.sources.map((source) => [source, value.value])),
    );
    expect(bySource).toEqual({ "bnn-2023-12-29": "2023-12-07", "normalization-2023-12": "2023-12-08" });
  });

  it("counts corroboration as distinct sources at the relation's modality, and keeps every source", () => {
    const issued = knowledge.relations.get("armenia--ISSUED--joint-statement-2023-12");
    expect(issued?.sources.sort()).toEqual(["bnn-2023-12-29", "normalization-2023-12"]);
    expect(issued?.corroboration).toBe(2);
    // BNN says Azerbaijan released 32; Normalization that it announced an exchange. One relation, two
    // sources, but only one says the release happened.
    const released = knowledge.relations.get(
      "azerbaijan--RELEASED--armenian-prisoners-of-war--prisoner-exchange-2023-12",
    );
    expect(released?.claims.map((claim) => [claim.id, claim.modality])).toEqual([
      ["bnn-azerbaijan-released-32-armenian-soldiers", "asserted"],
      ["norm-azerbaijan-to-release-armenian-prisoners", "announced"],
    ]);
    expect([released?.modality, released?.corroboration, released?.sources.length, released?.count]).toEqual([
      "asserted",
      1,
      2,
      32,
    ]);
    expect(knowledge.relations.size).toBeGreaterThan(100);
    for (const relation of knowledge.relations.values()) {
      const own = relation.claims.filter((claim) => claim.modality === relation.modality);
      expect(relation.corroboration, relation.id).toBe(new Set(own.map((claim) => claim.source)).size);
      expect(relation.sources.length, relation.id).toBe(new Set(relation.claims.map((c) => c.source)).size);
    }
  });

  it("keeps Nagorno-Karabakh a place of its own", () => {
    expect(knowledge.model.entities.get("nagorno-karabakh")?.kind).toBe("place");
  });

  it("builds a multigraph whose edges are the relations", () => {
    expect(knowledge.graph.multi).toBe(true);
    expect(knowledge.graph.order).toBe(knowledge.model.entities.size);
    expect(knowledge.graph.size).toBe(knowledge.relations.size);
  });
});
