import type { ActorResolvers } from "../../generated/graphql.ts";
import { nodeRelationsPage } from "../../query/node-relations-page.ts";
import { compileRelationFilter } from "../../query/relation-filter.ts";
import { KIND_COLORS, nodeSize } from "../../visual/encoding.ts";
import { withUserInput } from "../errors.ts";

/** Fields shared by Actor, Event and Place: the three have the same server object. */
export const entityFields: ActorResolvers = {
  kind: (node) => node.kind.toUpperCase() as "ACTOR" | "EVENT" | "PLACE",
  status: (node) => (node.status === "curated" ? "CURATED" : "EXTRACTED"),
  typeLabel: (node, _args, { knowledge }) => knowledge.model.nodeTypes.get(node.type)?.label ?? node.type,
  wikidataUrl: (node) => (node.wikidata ? `https://www.wikidata.org/wiki/${node.wikidata}` : null),
  degree: (node, _args, { knowledge }) => knowledge.graph.degree(node.id),
  position: (node, _args, { positions }) => positions.get(node.id) ?? { x: 0, y: 0 },
  color: (node, _args, { typeColors }) => typeColors.get(node.type) ?? KIND_COLORS[node.kind],
  size: (node, _args, { knowledge }) => nodeSize(knowledge.graph.degree(node.id)),
  relations: (node, { direction, where, sort, first, after }, { knowledge, relationOrders }) =>
    withUserInput(() =>
      nodeRelationsPage(
        knowledge,
        relationOrders,
        node.id,
        direction ?? "BOTH",
        where ? compileRelationFilter(knowledge, where) : undefined,
        { field: sort?.field ?? "DATE", order: sort?.order ?? "ASC" },
        first,
        after,
      ),
    ),
  attributeClaims: (node, _args, { knowledge }) => knowledge.attributeClaims.get(node.id) ?? [],
  conflicts: (node, _args, { knowledge, conflictsByTarget }) => {
    const own = conflictsByTarget.get(node.id) ?? [];
    const onRelations = knowledge.graph.edges(node.id).flatMap((key) => conflictsByTarget.get(key) ?? []);
    // A conflict that cites two of the node's relations is listed once.
    return [...new Set([...own, ...onRelations])];
  },
};
