import type { GraphStore } from "../../server/api/context.ts";
import type { Claim } from "../../server/model/types.ts";
import { dayKey, endKey } from "../../server/query/dated-list.ts";
import { nodeRelationsPage } from "../../server/query/node-relations-page.ts";
import { compileRelationFilter } from "../../server/query/relation-filter.ts";

/**
 * Everything the API serves from a graph store, as plain sorted data: nodes with their derived
 * date and count, relations with every derived field, conflicts, the claim indexes, incident
 * lists, counts, search answers, the query indexes (search tokens, relations by type in date order
 * and by source) and what they answer: filtered relations, and each node's relation pages read
 * through kept sorted orders. Two stores with equal snapshots answer every query alike.
 * Left out: layout positions and the file and line each record was read from.
 */
const claimKey = (claim: Claim) => {
  const { file: _file, line: _line, ...rest } = claim;
  return JSON.stringify(rest, Object.keys(rest).sort());
};

const sorted = <T>(items: T[], key: (item: T) => string = (item) => JSON.stringify(item)) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

const entries = <V>(map: Map<string, V>, value: (v: V) => unknown = (v) => v) =>
  sorted(
    [...map].map(([key, v]) => [key, value(v)] as const),
    ([key]) => key,
  );

export function graphSnapshot(store: GraphStore) {
  const { knowledge } = store;
  const nodes = knowledge.graph.mapNodes((id, attributes) => {
    const { file: _file, line: _line, ...rest } = attributes;
    return { ...rest, id, degree: knowledge.graph.degree(id) };
  });
  const relations = [...knowledge.relations.values()].map((relation) => ({
    ...relation,
    claims: sorted(relation.claims.map((claim) => claim.id)),
    sources: sorted(relation.sources),
    edge: knowledge.graph.hasEdge(relation.id) ? knowledge.graph.extremities(relation.id) : null,
    sameObjectAsEdge:
      knowledge.graph.hasEdge(relation.id) && knowledge.graph.getEdgeAttributes(relation.id) === relation,
  }));
  const conflicts = knowledge.conflicts.map((conflict) => ({
    ...conflict,
    values: sorted(
      conflict.values.map((value) => ({
        value: value.value,
        claims: sorted(value.claims.map((claim) => claim.id)),
        sources: sorted(value.sources),
      })),
    ),
  }));
  const searches = ["a", "e", "s", "statement", "türk"].map((text) =>
    store.search.search(text, 100).map((hit) => [hit.entity.id, hit.score, hit.matched]),
  );
  const types = sorted([...knowledge.model.relationTypes.keys()]);
  const relationIndex = store.relationIndex.contents();
  // Each type's list must stay in date order, whatever moved within it.
  const typeListsInDateOrder = types.every((type) => {
    const keys = store.relationIndex
      .ofType(type)
      .all()
      .map((relation) => endKey(relation.date));
    return keys.every((key, at) => at === 0 || keys[at - 1]! <= key);
  });
  const fromDates = ["2023-12-08", "2024-01-01"];
  const datedFrom = types.map((type) =>
    fromDates.map((from) => store.relationIndex.ofType(type).countFrom(dayKey(from))),
  );
  const relationsOfSource = sorted([...knowledge.model.sources.keys()]).map((source) => [
    source,
    sorted(store.relationIndex.relationsOfSource(source).map((relation) => relation.id)),
  ]);
  const keep = compileRelationFilter(knowledge, { dateFrom: "2023-12-08" });
  const pages = sorted(knowledge.graph.nodes()).map((node) =>
    (["DATE", "CORROBORATION"] as const).map((field) => {
      const page = nodeRelationsPage(
        knowledge,
        store.relationOrders,
        node,
        "BOTH",
        field === "DATE" ? keep : undefined,
        { field, order: "DESC" },
        50,
        null,
      );
      return [node, field, page.totalCount, page.items.map((item) => item.node.id)];
    }),
  );
  return {
    relationIndex,
    searchIndex: store.search.contents(),
    typeListsInDateOrder,
    datedFrom,
    relationsOfSource,
    pages,
    nodes: sorted(nodes, (node) => node.id),
    relations: sorted(relations, (relation) => relation.id),
    conflicts: sorted(conflicts, (conflict) => conflict.id),
    claims: sorted(knowledge.model.claims.map(claimKey)),
    claimsById: sorted([...knowledge.claimsById.values()].map(claimKey)),
    attributeClaims: entries(knowledge.attributeClaims, (claims) =>
      sorted(claims.map((claim) => claim.id)),
    ).filter(([, ids]) => (ids as string[]).length > 0),
    incident: entries(knowledge.incident, (list) => sorted(list.map((relation) => relation.id))).filter(
      ([, ids]) => (ids as string[]).length > 0,
    ),
    sources: sorted([...knowledge.model.sources.keys()]),
    conflictsByTarget: entries(store.conflictsByTarget, (list) =>
      sorted(list.map((conflict) => conflict.id)),
    ),
    relationTypeCounts: entries(store.relationTypeCounts),
    nodeTypeCounts: entries(store.nodeTypeCounts),
    claimsBySource: entries(store.claimsBySource, (claims) => sorted(claims.map((claim) => claim.id))),
    pendingBySource: entries(store.pendingBySource),
    searches: searches.map((hits) => sorted(hits)),
    positioned: knowledge.graph.nodes().every((id) => store.positions.has(id)),
  };
}
