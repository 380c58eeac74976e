import type {
  ExportFileResolvers,
  ExportFormat,
  QueryResolvers,
  SubgraphResolvers,
} from "../../generated/graphql.ts";
import { exportSubgraph } from "../../export/export.ts";
import { formatFromGraphqlName, graphqlFormatName } from "../../export/formats.ts";
import { DEFAULT_EXPORT_LIMITS, selectSubgraph } from "../../export/selection.ts";
import type { ApiContext } from "../context.ts";
import { withUserInput } from "../errors.ts";

/** The export fields: Query.subgraph picks nodes and relations, Subgraph.export writes them. */

const limitsOf = (context: ApiContext) => context.exportLimits ?? DEFAULT_EXPORT_LIMITS;

export const subgraph: NonNullable<QueryResolvers["subgraph"]> = (
  _root,
  { ids, depth, where, kinds },
  context,
) => withUserInput(() => selectSubgraph(context.knowledge, { ids, depth, where, kinds }, limitsOf(context)));

/** Works on any Subgraph, so a neighbourhood can be exported as well as Query.subgraph. */
export const subgraphExport: NonNullable<SubgraphResolvers["export"]> = (parent, { format }, context) =>
  withUserInput(() => exportSubgraph(context, parent, formatFromGraphqlName(format), limitsOf(context)));

export const ExportFile: ExportFileResolvers = {
  format: (file) => graphqlFormatName(file.format.id) as ExportFormat,
  content: (file) => (file.parts.length === 1 ? file.parts[0]!.content : null),
};
