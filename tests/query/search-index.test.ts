import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { foldText } from "../../server/query/fold-text.ts";
import { SearchIndex, type SearchHit } from "../../server/query/search.ts";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import type { Entity } from "../../server/model/types.ts";
import { generateGraphData } from "../../scripts/synthetic/generate.ts";
import { Random } from "../../scripts/synthetic/random.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";

const answer = (hits: SearchHit[]) => hits.map((hit) => [hit.entity.id, hit.score, hit.matched]);

/** Queries cut from the entities' own texts: whole fields, word starts, pieces from mid-word. */
function queriesFrom(entities: readonly Entity[], random: Random, count: number): string[] {
  const queries = ["a", "e", "an", "the", "1", "zzzz", "ü", "’"];
  while (queries.length < count) {
    const entity = random.pick(entities);
    const fields = [entity.label, ...entity.aliases, entity.description];
    const field = random.pick(fields);
    const start = random.int(0, Math.max(0, field.length - 2));
    const length = random.int(1, Math.max(1, Math.min(24, field.length - start)));
    queries.push(field.slice(start, start + length));
    // Case and accents must not matter, nor punctuation between words.
    queries.push(field.slice(start, start + length).toUpperCase());
  }
  return queries.filter((query) => foldText(query) !== "");
}

describe("search at the seed graph", async () => {
  const model = await loadGraphDataStrict(GRAPH_DATA);
  const index = new SearchIndex(model.entities.values());

  it("folds case, accents and apostrophes: Türkiye, António, ANTÓNIO GUTERRES", () => {
    expect(index.search("turkiye", 5)[0]!.entity.id).toBe("turkey");
    expect(index.search("antonio", 5)[0]!.entity.id).toBe("antonio-guterres");
    expect(index.search("ANTÓNIO GUTERRES", 5)[0]).toMatchObject({
      entity: { id: "antonio-guterres" },
      score: 100,
    });
  });

  it("ranks an exact label over a prefix, a prefix over a word inside, a word over a mid-word piece", () => {
    const [exact] = index.search("Armenia", 3);
    expect(exact).toMatchObject({ entity: { id: "armenia" }, score: 100, matched: "Armenia" });
    const scores = index.search("armenia", 20).map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Nothing in the seed is called "rmenia": every hit is a mid-word match, scored 30 at most.
    const inside = index.search("rmenia", 50);
    expect(inside.length).toBeGreaterThan(0);
    for (const hit of inside) expect(hit.score).toBeLessThanOrEqual(30);
  });

  it("gives the answer a scan of every field gives, for every label and for pieces of every field", () => {
    const entities = [...model.entities.values()];
    const queries = [...entities.map((entity) => entity.label), ...queriesFrom(entities, new Random(3), 400)];
    for (const query of queries) {
      expect(answer(index.search(query, 10)), query).toEqual(answer(index.searchByScan(query, 10)));
    }
  });

  it("refuses a query with no letter or digit, naming the argument", () => {
    expect(() => index.search(" -– ", 5)).toThrow(/text: must contain at least one letter or digit/);
  });
});

describe("search at 10⁴ claims", async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), "peacegraph-search-")), "g");
  generateGraphData({ claims: 10_000, seed: 5, out });
  const model = await loadGraphDataStrict(out);
  const entities = [...model.entities.values()];
  const index = new SearchIndex(entities);

  it("gives the scan's answer, same entities, scores, matched fields and order, for 600 queries", () => {
    let nonEmpty = 0;
    for (const query of queriesFrom(entities, new Random(17), 600)) {
      const indexed = index.search(query, 25);
      expect(answer(indexed), query).toEqual(answer(index.searchByScan(query, 25)));
      if (indexed.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(500);
  });

  it("finds a person by surname, ranked by how the name matches", () => {
    const person = entities.find((entity) => entity.type === "person")!;
    const surname = person.label.split(" ").at(-1)!;
    const hits = index.search(surname.toLowerCase(), 100);
    expect(hits.map((hit) => hit.entity.id)).toContain(person.id);
    expect(hits.every((hit) => foldText(hit.matched).includes(foldText(surname)))).toBe(true);
  });

  it("kept up to date entity by entity, equals an index built afresh", () => {
    const random = new Random(23);
    const updated = new SearchIndex(entities);
    const removed = new Set(entities.filter(() => random.next() < 0.3).map((entity) => entity.id));
    updated.remove(removed);
    // Some come back changed: a new label and alias, as an analyst's edit would make.
    const changed = entities
      .filter((entity) => removed.has(entity.id) && random.next() < 0.5)
      .map((entity) => ({
        ...entity,
        label: `${entity.label} Renamed`,
        aliases: [...entity.aliases, "Çağrı"],
      }));
    for (const entity of changed) updated.add(entity);
    // And one is edited in place, without a remove first.
    const edited = { ...entities[0]!, description: "An edited description about Shushi." };
    updated.add(edited);
    const current = new Map(
      entities.filter((entity) => !removed.has(entity.id)).map((entity) => [entity.id, entity]),
    );
    for (const entity of [...changed, edited]) current.set(entity.id, entity);
    const fresh = new SearchIndex(current.values());

    expect(updated.contents()).toEqual(fresh.contents());
    for (const query of ["renamed", "cagr", "shushi", ...queriesFrom(entities, random, 150)]) {
      expect(answer(updated.search(query, 20)), query).toEqual(answer(fresh.search(query, 20)));
    }
    expect(updated.search("ÇAĞR", 5)).not.toHaveLength(0);
  });
});
