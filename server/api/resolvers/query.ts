import type { QueryResolvers } from "../../generated/graphql.ts";
import type { NodeAttributes } from "../../graph/types.ts";
import type { NodeKind } from "../../model/types.ts";
import { InvalidArgument, checkRange } from "../../query/invalid-argument.ts";
import { neighborhood } from "../../query/neighborhood.ts";
import { MAX_PAGE_SIZE, paginate, paginateSorted } from "../../query/paginate.ts";
import { shortestPaths } from "../../query/paths.ts";
import { compileRelationFilter, dateArgument, dateInRange } from "../../query/relation-filter.ts";
import { compareEntities, compareRelations } from "../../query/sort.ts";
import { selectRelations } from "../../query/select-relations.ts";
import { timeline } from "../../query/timeline.ts";
import type { GraphStore } from "../context.ts";
import { withUserInput } from "../errors.ts";
import type { QueryActorsArgs } from "../../generated/graphql.ts";
import { findNode } from "./node-type.ts";
import { exportBaseName } from "../../export/export.ts";

/** Entities of one kind, filtered, sorted and paged. */
function entityConnection(store: GraphStore, kind: NodeKind, args: QueryActorsArgs) {
  return withUserInput(() => {
    const { graph } = store.knowledge;
    const where = args.where ?? {};
    const types = where.type?.length ? new Set(where.type) : undefined;
    for (const type of types ?? []) {
      if (!store.knowledge.model.nodeTypes.has(type))
        throw new InvalidArgument("where.type", `unknown node type "${type}"`);
    }
    const from = dateArgument("where.dateFrom", where.dateFrom);
    const to = dateArgument("where.dateTo", where.dateTo);
    const sources = where.source?.length ? new Set(where.source) : undefined;
    const mentioned = sources ? new Set<string>() : undefined;
    if (sources && mentioned) {
      for (const claim of store.knowledge.model.claims) {
        if (!sources.has(claim.source)) continue;
        mentioned.add(claim.subject);
        if (claim.form === "relation") mentioned.add(claim.object);
      }
    }
    const minDegree = where.minDegree ?? 0;
    const nodes: NodeAttributes[] = [];
    graph.forEachNode((id, node) => {
      if (node.kind !== kind) return;
      if (types && !types.has(node.type)) return;
      if ((from || to) && !dateInRange(node.date, from, to)) return;
      if (mentioned && !mentioned.has(id)) return;
      if (minDegree > 0 && graph.degree(id) < minDegree) return;
      nodes.push(node);
    });
    nodes.sort(
      compareEntities(args.sort?.field ?? "LABEL", args.sort?.order ?? "ASC", (id) => graph.degree(id)),
    );
    return paginate(nodes, args.first, args.after);
  });
}

export const Query: QueryResolvers = {
  node: (_root, { id }, store) => findNode(store, id),
  nodes: (_root, { ids }, store) =>
    withUserInput(() => {
      checkRange("ids (count)", ids.length, 0, MAX_PAGE_SIZE);
      return ids.map((id) => findNode(store, id));
    }),
  search: (_root, { text, first }, store) =>
    withUserInput(() => {
      const hits = store.search.search(text, checkRange("first", first ?? 10, 1, MAX_PAGE_SIZE));
      return hits.map((hit) => ({ ...hit, entity: hit.entity }));
    }),
  actors: (_root, args, store) => entityConnection(store, "actor", args),
  events: (_root, args, store) => entityConnection(store, "event", args),
  places: (_root, args, store) => entityConnection(store, "place", args),
  relations: (_root, { where, sort, first, after }, { knowledge, relationIndex }) =>
    withUserInput(() => {
      const relations = selectRelations(knowledge, relationIndex, where);
      return paginateSorted(
        relations,
        compareRelations(sort?.field ?? "ID", sort?.order ?? "ASC"),
        first,
        after,
      );
    }),
  neighborhood: (_root, { ids, depth, where, maxNodes }, { knowledge }) =>
    withUserInput(() => ({
      ...neighborhood(knowledge, ids, depth ?? 1, compileRelationFilter(knowledge, where), maxNodes ?? 200),
      baseName: exportBaseName(ids),
    })),
  paths: (_root, { from, to, maxLength, where, first }, { knowledge }) =>
    withUserInput(() =>
      shortestPaths(knowledge, from, to, maxLength ?? 4, compileRelationFilter(knowledge, where), first ?? 5),
    ),
  timeline: (_root, { actor, from, to, first }, { knowledge }) =>
    withUserInput(() => timeline(knowledge, actor, from, to, first ?? 100)),
  conflicts: (_root, { kind }, { knowledge }) => {
    if (!kind?.length) return knowledge.conflicts;
    const kinds = new Set(kind.map((name) => name.toLowerCase()));
    return knowledge.conflicts.filter((conflict) => kinds.has(conflict.kind));
  },
  sources: (_root, _args, { knowledge }) => [...knowledge.model.sources.values()],
  relationTypes: (_root, _args, { knowledge }) => [...knowledge.model.relationTypes.values()],
  nodeTypes: (_root, _args, { knowledge }) => [...knowledge.model.nodeTypes.values()],
  stats: () => ({}),
};
