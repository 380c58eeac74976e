/**
 * The scale section's queries, each written four ways: GraphQL, the server's query layer called
 * directly (as the resolvers call it), raw graphology (the floor) and Kùzu's Cypher (the peer).
 */
import type { GraphStore } from "../../server/api/context.ts";
import type { Relation } from "../../server/graph/types.ts";
import { neighborhood } from "../../server/query/neighborhood.ts";
import { nodeRelationsPage } from "../../server/query/node-relations-page.ts";
import { paginateSorted } from "../../server/query/paginate.ts";
import { shortestPaths } from "../../server/query/paths.ts";
import { selectRelations } from "../../server/query/select-relations.ts";
import { compareRelations } from "../../server/query/sort.ts";
import { CYPHER, type KuzuPeer } from "./kuzu-peer.ts";
import {
  rawFilteredRelations,
  rawNeighborhood,
  rawNodeRelations,
  rawShortestPaths,
} from "./raw-graphology.ts";

export type Targets = ReturnType<typeof pickTargets>;

/** Deterministic query targets: the hub, a busy event, two far-apart ordinary nodes. */
export function pickTargets(store: GraphStore) {
  const { graph } = store.knowledge;
  let hub = "";
  let busiestEvent = "";
  let from = "";
  let to = "";
  graph.forEachNode((id, node) => {
    const degree = graph.degree(id);
    if (!hub || degree > graph.degree(hub) || (degree === graph.degree(hub) && id < hub)) hub = id;
    if (node.kind === "event") {
      if (
        !busiestEvent ||
        degree > graph.degree(busiestEvent) ||
        (degree === graph.degree(busiestEvent) && id < busiestEvent)
      )
        busiestEvent = id;
    }
    if (degree > 0 && node.type === "person" && (!from || id < from)) from = id;
    if (degree > 0 && node.kind === "place" && (!to || id > to)) to = id;
  });
  return { hub, center: busiestEvent, from, to: to === from ? hub : to };
}

/** A broad filter (several per cent of relations) and a selective one (under one per cent). */
export const FILTER = { family: "cooperation", minCorroboration: 2, dateFrom: "2020" };
export const SELECTIVE = { types: ["SIGNED", "RULED_ON"], dateFrom: "2010" };
export const SEARCH_TEXT = "Petrosyan";
export const MAX_NODES = 500;

export const QUERY_NAMES = [
  "search",
  "node + relations page",
  "neighborhood depth 1",
  "neighborhood depth 2",
  "shortest paths",
  "filtered relations",
  "filtered relations (selective)",
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export function graphqlQueries(targets: Targets): Record<QueryName, string> {
  const relationsPage = `relations(first: 20) { totalCount nodes { id type } }`;
  const types = SELECTIVE.types.map((type) => `"${type}"`).join(", ");
  return {
    search: `{ search(text: "${SEARCH_TEXT}", first: 10) { node { id label } score } }`,
    "node + relations page": `{ node(id: "${targets.hub}") { id ... on Actor { ${relationsPage} } ... on Event { ${relationsPage} } ... on Place { ${relationsPage} } } }`,
    "neighborhood depth 1": `{ neighborhood(ids: ["${targets.center}"], depth: 1, maxNodes: ${MAX_NODES}) { nodes { id } relations { id } truncated } }`,
    "neighborhood depth 2": `{ neighborhood(ids: ["${targets.center}"], depth: 2, maxNodes: ${MAX_NODES}) { nodes { id } relations { id } truncated } }`,
    "shortest paths": `{ paths(from: "${targets.from}", to: "${targets.to}", maxLength: 4, first: 5) { length nodes { id } } }`,
    "filtered relations": `{ relations(where: { family: [COOPERATION], minCorroboration: ${FILTER.minCorroboration}, dateFrom: "${FILTER.dateFrom}" }, first: 50) { totalCount nodes { id } } }`,
    "filtered relations (selective)": `{ relations(where: { type: [${types}], dateFrom: "${SELECTIVE.dateFrom}" }, first: 50) { totalCount nodes { id } } }`,
  };
}

/** The same queries against graphology directly: the floor. */
export function rawQueries(store: GraphStore, targets: Targets): Record<QueryName, () => unknown> {
  const { graph } = store.knowledge;
  const broad = (relation: Relation) =>
    store.knowledge.relationType(relation.type)?.family === FILTER.family &&
    relation.corroboration >= FILTER.minCorroboration &&
    relation.date !== null &&
    relation.date.end >= `${FILTER.dateFrom}-01-01`;
  const selective = (relation: Relation) =>
    SELECTIVE.types.includes(relation.type) &&
    relation.date !== null &&
    relation.date.end >= `${SELECTIVE.dateFrom}-01-01`;
  return {
    // No graphology equivalent: the search index itself, without GraphQL.
    search: () => store.search.search(SEARCH_TEXT, 10),
    "node + relations page": () => rawNodeRelations(graph, targets.hub, 20),
    "neighborhood depth 1": () => rawNeighborhood(graph, targets.center, 1, MAX_NODES),
    "neighborhood depth 2": () => rawNeighborhood(graph, targets.center, 2, MAX_NODES),
    "shortest paths": () => rawShortestPaths(graph, targets.from, targets.to, 4, 5),
    "filtered relations": () => rawFilteredRelations(graph, broad, 50),
    "filtered relations (selective)": () => rawFilteredRelations(graph, selective, 50),
  };
}

/** The server's query layer called directly, as the resolvers call it, without GraphQL. */
export function directQueries(store: GraphStore, targets: Targets): Record<QueryName, () => unknown> {
  const { knowledge, relationIndex, relationOrders } = store;
  const page = (where: Parameters<typeof selectRelations>[2]) =>
    paginateSorted(selectRelations(knowledge, relationIndex, where), compareRelations("ID", "ASC"), 50, null);
  return {
    search: () => store.search.search(SEARCH_TEXT, 10),
    "node + relations page": () =>
      nodeRelationsPage(
        knowledge,
        relationOrders,
        targets.hub,
        "BOTH",
        undefined,
        { field: "DATE", order: "ASC" },
        20,
        null,
      ),
    "neighborhood depth 1": () => neighborhood(knowledge, [targets.center], 1, () => true, MAX_NODES),
    "neighborhood depth 2": () => neighborhood(knowledge, [targets.center], 2, () => true, MAX_NODES),
    "shortest paths": () => shortestPaths(knowledge, targets.from, targets.to, 4, () => true, 5),
    "filtered relations": () =>
      page({
        family: ["COOPERATION"],
        minCorroboration: FILTER.minCorroboration,
        dateFrom: FILTER.dateFrom,
      }),
    "filtered relations (selective)": () => page({ type: SELECTIVE.types, dateFrom: SELECTIVE.dateFrom }),
  };
}

/** How many relations each filter query returns, as a share of all relations. */
export function filterShares(store: GraphStore): Partial<Record<QueryName, number>> {
  const { knowledge, relationIndex } = store;
  const share = (where: Parameters<typeof selectRelations>[2]) =>
    selectRelations(knowledge, relationIndex, where).length / Math.max(1, knowledge.relations.size);
  return {
    "filtered relations": share({
      family: ["COOPERATION"],
      minCorroboration: FILTER.minCorroboration,
      dateFrom: FILTER.dateFrom,
    }),
    "filtered relations (selective)": share({ type: SELECTIVE.types, dateFrom: SELECTIVE.dateFrom }),
  };
}

export async function kuzuQueries(
  peer: KuzuPeer,
  targets: Targets,
): Promise<Record<QueryName, (() => Promise<unknown>) | null>> {
  const depth1 = await peer.prepare(CYPHER.neighborhood(1, MAX_NODES));
  const depth2 = await peer.prepare(CYPHER.neighborhood(2, MAX_NODES));
  const induced = await peer.prepare(CYPHER.induced);
  const paths = await peer.prepare(CYPHER.paths(4, 5));
  const page = await peer.prepare(CYPHER.nodeRelationsPage);
  const pageCount = await peer.prepare(CYPHER.nodeRelationsCount);
  const filtered = await peer.prepare(CYPHER.filteredPage);
  const filteredCount = await peer.prepare(CYPHER.filteredCount);
  const selective = await peer.prepare(CYPHER.selectivePage);
  const selectiveCount = await peer.prepare(CYPHER.selectiveCount);
  const neighborhood = (query: typeof depth1) => async () => {
    const rows = await query({ id: targets.center });
    const ids = [targets.center, ...rows.map((row) => row.id as string)];
    return induced({ ids });
  };
  const filter = {
    family: FILTER.family,
    minCorroboration: FILTER.minCorroboration,
    dateFrom: `${FILTER.dateFrom}-01-01`,
  };
  const selectiveFilter = { types: SELECTIVE.types, dateFrom: `${SELECTIVE.dateFrom}-01-01` };
  return {
    search: null,
    "node + relations page": async () =>
      Promise.all([page({ id: targets.hub }), pageCount({ id: targets.hub })]),
    "neighborhood depth 1": neighborhood(depth1),
    "neighborhood depth 2": neighborhood(depth2),
    "shortest paths": () => paths({ from: targets.from, to: targets.to }),
    "filtered relations": async () => Promise.all([filtered(filter), filteredCount(filter)]),
    "filtered relations (selective)": async () =>
      Promise.all([selective(selectiveFilter), selectiveCount(selectiveFilter)]),
  };
}
