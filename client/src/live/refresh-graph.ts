import type { ApiFeatures } from "../api/features.ts";
import type { GraphQLClient } from "../api/graphql-client.ts";
import { loadDataset, type LoadedGraph } from "../api/load-dataset.ts";
import type { Dataset, EntityRecord, RelationRecord } from "../data/dataset.ts";
import type { NodeLook } from "../render/appearance.ts";
import { addEntityNodes } from "../render/graph-model.ts";
import type { GraphView } from "../render/graph-view.ts";
import type { ViewerSettings } from "../settings.ts";

/**
 * The graph read again from the API after it changed on the server, and the drawn graph brought to
 * it in place: relations gone or changed are taken out, nodes gone are dropped, new nodes are added
 * at the server's positions (nodes already there stay where the analyst sees them, even after a
 * layout), and new or changed relations are drawn. The page is not reloaded, so the selection,
 * filters and camera stay.
 */
export interface GraphChanges {
  nodesAdded: number;
  nodesRemoved: number;
  relationsAdded: number;
  relationsChanged: number;
  relationsRemoved: number;
}

const NO_CALLBACKS = {
  onVocabulary: () => undefined,
  onEntities: () => undefined,
  onRelations: () => undefined,
};

const sameRelation = (a: RelationRecord, b: RelationRecord) =>
  a.type === b.type &&
  a.subject === b.subject &&
  a.object === b.object &&
  a.corroboration === b.corroboration &&
  a.modality === b.modality &&
  a.date?.start === b.date?.start &&
  a.date?.end === b.date?.end &&
  a.sources.join("\u0000") === b.sources.join("\u0000");

const sameEntity = (a: EntityRecord, b: EntityRecord) =>
  a.label === b.label && a.type === b.type && a.kind === b.kind;

export async function refreshGraph(
  client: GraphQLClient,
  settings: ViewerSettings,
  features: Promise<ApiFeatures>,
  graphView: GraphView,
  previous: Dataset,
  looks: (dataset: Dataset) => ReadonlyMap<string, NodeLook>,
): Promise<{ loaded: LoadedGraph; changes: GraphChanges }> {
  const loaded = await loadDataset(client, settings, features, NO_CALLBACKS);
  const fresh = loaded.dataset;
  const { graph } = graphView;
  const changes: GraphChanges = {
    nodesAdded: 0,
    nodesRemoved: 0,
    relationsAdded: 0,
    relationsChanged: 0,
    relationsRemoved: 0,
  };
  const redraw: RelationRecord[] = [];
  for (const id of graph.edges()) {
    const now = fresh.relations.get(id);
    const before = previous.relations.get(id);
    if (now && before && sameRelation(now, before)) continue;
    graph.dropEdge(id);
    if (now) {
      redraw.push(now);
      changes.relationsChanged++;
    } else changes.relationsRemoved++;
  }
  for (const id of graph.nodes()) {
    if (fresh.entities.has(id)) continue;
    graph.dropNode(id);
    changes.nodesRemoved++;
  }
  const added: EntityRecord[] = [];
  for (const entity of fresh.entities.values()) {
    if (!graph.hasNode(entity.id)) added.push(entity);
    else {
      const before = previous.entities.get(entity.id);
      if (before && !sameEntity(before, entity))
        graph.mergeNodeAttributes(entity.id, {
          label: entity.label,
          kind: entity.kind,
          nodeType: entity.type,
        });
    }
  }
  const nodeLooks = looks(fresh);
  addEntityNodes(graph, added, fresh.degree, nodeLooks);
  changes.nodesAdded = added.length;
  const redrawn = new Set(redraw.map((relation) => relation.id));
  for (const relation of fresh.relations.values())
    if (!graph.hasEdge(relation.id) && !redrawn.has(relation.id)) {
      redraw.push(relation);
      changes.relationsAdded++;
    }
  graphView.addRelations(fresh, redraw);
  graphView.finishChange();
  return { loaded, changes };
}

export const describeChanges = (changes: GraphChanges) =>
  [
    [changes.relationsAdded, "relation added", "relations added"],
    [changes.relationsChanged, "relation changed", "relations changed"],
    [changes.relationsRemoved, "relation removed", "relations removed"],
    [changes.nodesAdded, "node added", "nodes added"],
    [changes.nodesRemoved, "node removed", "nodes removed"],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, one, many]) => `${count as number} ${count === 1 ? one : many}`)
    .join(", ") || "no change to the drawing";
