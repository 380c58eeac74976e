import type { KnowledgeGraph } from "../graph/types.ts";
import type { NodeKind } from "../model/types.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { Subgraph } from "../query/neighborhood.ts";
import { selectSubgraph, type ExportLimits, type SelectionRequest } from "./selection.ts";

/**
 * A selection written as text parameters, the same for the HTTP route (?ids=armenia&depth=2) and the
 * command line (--ids armenia --depth 2). Lists are comma-separated and may be repeated.
 */
export const SELECTION_PARAMS = {
  ids: "start node ids; omit for the whole graph",
  depth: "steps from the start nodes, 0 to 3 (default 1); only with ids",
  types: "relation types to keep, such as WELCOMED,RELEASED",
  kinds: "node kinds to keep: actor, event, place (start nodes are always kept)",
  from: "keep relations dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)",
  to: "keep relations dated on or before this date",
  sources: "keep relations with a claim from one of these source ids",
  view: "exactly the nodes and relations a viewer shows, as the viewer writes it (alone)",
} as const;

export type SelectionParam = keyof typeof SELECTION_PARAMS;

/** The query layer names arguments as GraphQL does; callers of this module know the parameter names. */
const PARAM_OF_ARGUMENT: Record<string, SelectionParam> = {
  "where.type": "types",
  "where.dateFrom": "from",
  "where.dateTo": "to",
  "where.source": "sources",
};

export type SelectionParams = ReadonlyMap<SelectionParam, readonly string[]>;

/**
 * A comma-separated list parameter. Given but empty (`ids=`, `ids=,,,`) is refused rather than
 * read as absent: for `ids` that would silently export the whole graph.
 */
function listOf(params: SelectionParams, name: SelectionParam): string[] | undefined {
  const values = params.get(name);
  if (values === undefined) return undefined;
  const items = values.flatMap((value) => value.split(",")).map((item) => item.trim());
  const kept = items.filter((item) => item !== "");
  if (kept.length === 0)
    throw new InvalidArgument(name, "is empty: give values separated by commas, or leave the parameter out");
  return kept;
}

function singleValue(params: SelectionParams, name: SelectionParam): string | undefined {
  const values = params.get(name);
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) throw new InvalidArgument(name, "give it once");
  return values[0]!.trim();
}

export function parseSelectionParams(params: SelectionParams): SelectionRequest {
  const depthText = singleValue(params, "depth");
  if (depthText !== undefined && !/^\d+$/.test(depthText))
    throw new InvalidArgument("depth", `must be a whole number from 0 to 3, got "${depthText}"`);
  return {
    ids: listOf(params, "ids"),
    depth: depthText === undefined ? undefined : Number(depthText),
    kinds: listOf(params, "kinds") as NodeKind[] | undefined,
    where: {
      type: listOf(params, "types"),
      dateFrom: singleValue(params, "from"),
      dateTo: singleValue(params, "to"),
      source: listOf(params, "sources"),
    },
    view: singleValue(params, "view"),
  };
}

/** Parses and resolves a selection; every refusal names the parameter as the caller wrote it. */
export function selectByParams(
  knowledge: KnowledgeGraph,
  params: SelectionParams,
  limits: ExportLimits,
): { request: SelectionRequest; subgraph: Subgraph } {
  const request = parseSelectionParams(params);
  try {
    return { request, subgraph: selectSubgraph(knowledge, request, limits) };
  } catch (error) {
    const param = error instanceof InvalidArgument ? PARAM_OF_ARGUMENT[error.argument] : undefined;
    if (error instanceof InvalidArgument && param) throw new InvalidArgument(param, error.reason);
    throw error;
  }
}
