import type { Focus } from "../state/navigation.ts";
import type { Scope } from "../state/filtered-view.ts";
import type { ViewerSettings } from "../settings.ts";
import type { GraphQLClient } from "./graphql-client.ts";
import { NEIGHBORHOOD_QUERY, PATHS_QUERY } from "./queries.ts";

/** What an ego view or a path search found, as a scope for the filtered view. */
export interface FocusScope extends Scope {
  /** The API's cap cut the neighbourhood (500 nodes at most). */
  truncated: boolean;
  /** How many shortest paths the API found (path view only). */
  paths: number;
}

interface IdsOnly {
  nodes: { id: string }[];
  relations: { id: string }[];
}

/** Asks the API for the scope of a focus: `neighborhood` for an ego view, `paths` for a path view. */
export async function fetchFocusScope(
  client: GraphQLClient,
  settings: ViewerSettings,
  focus: NonNullable<Focus>,
): Promise<FocusScope> {
  if (focus.kind === "ego") {
    const data = await client.request<{ neighborhood: IdsOnly & { truncated: boolean } }>(
      NEIGHBORHOOD_QUERY,
      {
        id: focus.id,
        depth: focus.depth,
        maxNodes: settings.focus.egoMaxNodes,
      },
    );
    return {
      nodes: new Set(data.neighborhood.nodes.map((node) => node.id)),
      relations: new Set(data.neighborhood.relations.map((relation) => relation.id)),
      truncated: data.neighborhood.truncated,
      paths: 0,
    };
  }
  const data = await client.request<{ paths: IdsOnly[] }>(PATHS_QUERY, {
    from: focus.from,
    to: focus.to,
    maxLength: settings.focus.pathMaxLength,
  });
  return {
    nodes: new Set(data.paths.flatMap((path) => path.nodes.map((node) => node.id))),
    relations: new Set(data.paths.flatMap((path) => path.relations.map((relation) => relation.id))),
    truncated: false,
    paths: data.paths.length,
  };
}
