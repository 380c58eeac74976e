import { NODE_KINDS, type Dataset } from "../data/dataset.ts";
import { toggleMember, type Filters } from "../state/navigation.ts";
import type { LegendActions } from "./legend.ts";

/** What a click on a legend entry does: hide or show that kind, node type or relation family. */
export function legendFilters(
  data: Dataset,
  setFilters: (change: (filters: Filters) => Filters) => void,
): LegendActions {
  const allNodeTypes = data.nodeTypes.filter((type) => type.count > 0).map((type) => type.id);
  const allRelationTypes = data.relationTypes.filter((type) => type.count > 0).map((type) => type.id);
  return {
    toggleNodeType: (type) =>
      setFilters((filters) => ({
        ...filters,
        nodeTypes: toggleMember(
          filters.nodeTypes,
          allNodeTypes,
          type,
          !!filters.nodeTypes && !filters.nodeTypes.has(type),
        ),
      })),
    toggleKind: (kind) =>
      setFilters((filters) => ({
        ...filters,
        nodeKinds: toggleMember(
          filters.nodeKinds,
          NODE_KINDS,
          kind,
          !!filters.nodeKinds && !filters.nodeKinds.has(kind),
        ),
      })),
    toggleFamily: (family) =>
      setFilters((filters) => {
        const types = data.relationTypes
          .filter((type) => type.family === family && type.count > 0)
          .map((type) => type.id);
        // Hidden when none of its types shows; a click shows them all, or hides them all.
        const shown = !filters.relationTypes || types.some((type) => filters.relationTypes!.has(type));
        let next = filters.relationTypes;
        for (const type of types) next = toggleMember(next, allRelationTypes, type, !shown);
        return { ...filters, relationTypes: next };
      }),
  };
}
