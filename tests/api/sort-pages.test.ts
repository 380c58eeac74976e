import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Sorted pages of the seed graph's 150-odd relations, followed cursor by cursor, against a
 * reference sort written here from the documented rules (by the field, undated last in either
 * order, ties by id). Small pages of a long list are chosen with a bounded heap rather than a full
 * sort (server/query/paginate.ts), so this is where that path is checked; the oracle fixture's nine
 * relations always take the full sort.
 */

let api: TestServer;
interface Item {
  id: string;
  type: string;
  corroboration: number;
  confidence: number;
  date: { start: string } | null;
}
let all: Item[];

const FIELDS = "id type corroboration confidence date { start }";

async function pages(query: (after: string | null) => string, pick: (data: unknown) => Connection) {
  const items: Item[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const connection = pick(await api.query(query(after)));
    items.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return items;
    after = connection.pageInfo.endCursor;
  }
  throw new Error("more than 200 pages");
}

interface Connection {
  nodes: Item[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

beforeAll(async () => {
  api = await startTestServer();
  all = await pages(
    (after) =>
      `{ relations(first: 100${after ? `, after: "${after}"` : ""}) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`,
    (data) => (data as { relations: Connection }).relations,
  );
});
afterAll(() => api.close());

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The documented order, written independently of server/query/sort.ts. */
function referenceSort(items: Item[], field: string, order: string): string[] {
  const sign = order === "DESC" ? -1 : 1;
  const value = (item: Item): string | number =>
    field === "DATE"
      ? (item.date?.start ?? "")
      : field === "CORROBORATION"
        ? item.corroboration
        : field === "CONFIDENCE"
          ? item.confidence
          : field === "TYPE"
            ? item.type
            : item.id;
  return [...items]
    .sort((a, b) => {
      if (field === "DATE" && !a.date !== !b.date) return a.date ? -1 : 1;
      const x = value(a);
      const y = value(b);
      const byValue = typeof x === "number" ? x - (y as number) : byText(x, y as string);
      return sign * byValue || byText(a.id, b.id);
    })
    .map((item) => item.id);
}

const CASES = ["ID", "DATE", "CORROBORATION", "CONFIDENCE", "TYPE"].flatMap((field) =>
  ["ASC", "DESC"].map((order) => [field, order] as const),
);

describe("sorted pages of the seed graph's relations", () => {
  it("has a list long enough for small pages to take the bounded heap", () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((item) => item.date === null) && all.some((item) => item.date !== null)).toBe(true);
    expect(new Set(all.map((item) => item.corroboration)).size).toBeGreaterThan(1);
  });

  it.each(CASES)("%s %s, five at a time, equal the reference sort", async (field, order) => {
    const ids = (
      await pages(
        (after) =>
          `{ relations(sort: { field: ${field}, order: ${order} }, first: 5${after ? `, after: "${after}"` : ""}) {
             nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        (data) => (data as { relations: Connection }).relations,
      )
    ).map((item) => item.id);
    expect(ids).toEqual(referenceSort(all, field, order));
  });

  it("a hub's own relations, sorted and paged, equal the reference sort of its relations", async () => {
    const ends = (id: string) => id.split("--").slice(0, 3);
    const armenia = all.filter((item) => [ends(item.id)[0], ends(item.id)[2]].includes("armenia"));
    expect(armenia.length).toBeGreaterThan(10);
    for (const [field, order] of [
      ["CONFIDENCE", "DESC"],
      ["DATE", "ASC"],
    ] as const) {
      const ids = (
        await pages(
          (after) =>
            `{ node(id: "armenia") { ... on Actor { relations(sort: { field: ${field}, order: ${order} }, first: 3${
              after ? `, after: "${after}"` : ""
            }) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } } } }`,
          (data) => (data as { node: { relations: Connection } }).node.relations,
        )
      ).map((item) => item.id);
      expect(ids, `${field} ${order}`).toEqual(referenceSort(armenia, field, order));
    }
  });
});
