import { GraphQLError } from "graphql";
import { HeaderMap } from "@apollo/server";
import type {
  ExportFileResolvers,
  ExportFormat,
  ExportPartResolvers,
  QueryResolvers,
  SubgraphResolvers,
} from "../../generated/graphql.ts";
import { paced } from "../../export/chunks.ts";
import { exportBaseName, exportSubgraph, type ExportedPart } from "../../export/export.ts";
import { ExportBusy } from "../../export/export-slots.ts";
import { formatFromGraphqlName, graphqlFormatName } from "../../export/formats.ts";
import { DEFAULT_EXPORT_LIMITS, ExportTooLarge, selectSubgraph } from "../../export/selection.ts";
import { buildDrawing } from "../../query/drawing.ts";
import type { ApiContext } from "../context.ts";
import { withUserInput } from "../errors.ts";
import { responseTooLarge } from "../response-budget.ts";

/**
 * The export fields: Query.subgraph picks nodes and relations, Subgraph.export prepares the file,
 * and ExportFile.content / ExportPart.content write it, under the same limits as GET /export: the
 * export size limits, a slot among the server's export slots (503 EXPORT_BUSY with Retry-After when
 * none frees up), written in time slices, and counted against the response size cap.
 */

const limitsOf = (context: ApiContext) => context.exportLimits ?? DEFAULT_EXPORT_LIMITS;
const DEFAULT_SLICE_MS = 10;

export const subgraph: NonNullable<QueryResolvers["subgraph"]> = (
  _root,
  { ids, depth, where, kinds, view },
  context,
) =>
  withUserInput(() => ({
    ...selectSubgraph(context.knowledge, { ids, depth, where, kinds, view }, limitsOf(context)),
    baseName: exportBaseName(ids),
  }));

/** The whole graph for drawing, refused past the export limits as a whole-graph subgraph would be. */
export const drawing: NonNullable<QueryResolvers["drawing"]> = (_root, _args, context) =>
  withUserInput(() => {
    const { graph } = context.knowledge;
    const limits = limitsOf(context);
    if (graph.order > limits.maxNodes)
      throw new ExportTooLarge("nodes", String(graph.order), limits.maxNodes);
    if (graph.size > limits.maxRelations)
      throw new ExportTooLarge("relations", String(graph.size), limits.maxRelations);
    return buildDrawing(context.knowledge, context.positions);
  });

/** Works on any Subgraph, so a neighbourhood can be exported as well as Query.subgraph. */
export const subgraphExport: NonNullable<SubgraphResolvers["export"]> = (parent, { format }, context) =>
  withUserInput(() =>
    exportSubgraph(context, parent, formatFromGraphqlName(format), limitsOf(context), parent.baseName),
  );

function exportBusy(error: ExportBusy): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: "EXPORT_BUSY",
      retryAfterSeconds: error.retryAfterSeconds,
      http: { status: 503, headers: new HeaderMap([["retry-after", String(error.retryAfterSeconds)]]) },
    },
  });
}

/** Writes one part's text: in a slot, in time slices, within the response budget. */
async function writePart(part: ExportedPart, context: ApiContext): Promise<string> {
  let release = () => {};
  if (context.exportSlots) {
    try {
      release = await context.exportSlots.acquire();
    } catch (error) {
      throw error instanceof ExportBusy ? exportBusy(error) : error;
    }
  }
  try {
    const pieces: string[] = [];
    for await (const chunk of paced(part.chunks(), context.exportSliceMs ?? DEFAULT_SLICE_MS)) {
      if (context.responseBudget && !context.responseBudget.take(chunk))
        throw responseTooLarge(context.responseBudget.maxBytes);
      pieces.push(chunk);
    }
    return pieces.join("");
  } finally {
    release();
  }
}

/** Each part is written once per request, even when both content and parts { content } are asked. */
const written = new WeakMap<ExportedPart, Promise<string>>();
function partContent(part: ExportedPart, context: ApiContext): Promise<string> {
  let text = written.get(part);
  if (!text) {
    text = writePart(part, context);
    written.set(part, text);
  }
  return text;
}

export const ExportFile: ExportFileResolvers = {
  format: (file) => graphqlFormatName(file.format.id) as ExportFormat,
  content: (file, _args, context) => (file.parts.length === 1 ? partContent(file.parts[0]!, context) : null),
};

export const ExportPart: ExportPartResolvers = {
  content: (part, _args, context) => partContent(part, context),
};
