import type { GraphStore } from "../api/context.ts";
import { codesAt } from "../graph/modality.ts";
import type { DateOrigin, NodeAttributes, Relation } from "../graph/types.ts";
import type { DateValue } from "../model/dates.ts";
import type { ClaimStatus, EntityStatus, Modality, NodeKind, RelationFamily } from "../model/types.ts";
import type { Subgraph } from "../query/neighborhood.ts";
import { EDGE_COLORS, KIND_COLORS, nodeSize } from "../visual/encoding.ts";

/**
 * A subgraph resolved once into everything any export format writes: the node and relation
 * fields, the viewer's visual encoding, and each relation's provenance. Writers only format it.
 */

export interface ExportNode {
  id: string;
  label: string;
  kind: NodeKind;
  type: string;
  typeLabel: string;
  aliases: string[];
  description: string;
  wikidata: string | null;
  cameo: string | null;
  date: DateValue | null;
  count: number | null;
  /** ISO 8601 duration, as written. */
  duration: string | null;
  /** Extent term or fraction, as written. */
  extent: string | null;
  status: EntityStatus;
  /** Relations in the whole graph, as the viewer and the API count them. */
  degree: number;
  color: string;
  size: number;
  x: number;
  y: number;
  /** The loader's node, untouched, for the lossless format. */
  attributes: NodeAttributes;
}

export interface ExportClaim {
  id: string;
  quote: string;
  source: string;
  sourceTitle: string;
  sourceUrl: string | null;
  confidence: number;
  status: ClaimStatus;
  /** How the source says it: asserted, announced, hedged or negated. */
  modality: Modality;
  attributedTo: string | null;
  /** Qualifiers with dates, durations and extents as text, so every format can hold them. */
  qualifiers: Record<string, string | number | boolean>;
}

export interface ExportRelation {
  id: string;
  source: string;
  target: string;
  type: string;
  typeLabel: string;
  symmetric: boolean;
  /** The strongest modality among the claims; the codes below are the type's at this modality. */
  modality: Modality;
  cameo: string | null;
  plover: string | null;
  goldstein: number | null;
  family: RelationFamily;
  color: string;
  date: DateValue | null;
  /** claim, event (inherited from dateInheritedFrom) or none. */
  dateOrigin: DateOrigin;
  dateInheritedFrom: string | null;
  count: number | null;
  duration: string | null;
  extent: string | null;
  confidence: number;
  corroboration: number;
  /** Distinct source ids, and their URLs in the same order (null when unknown). */
  sources: string[];
  sourceUrls: (string | null)[];
  /** One entry per claim, in claim order. */
  claimIds: string[];
  quotes: string[];
  /** Each claim's modality, in claim order. */
  claimModalities: Modality[];
  claims: ExportClaim[];
  /** The loader's relation, untouched, for the lossless format. */
  relation: Relation;
}

export interface ExportSource {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  author: string | null;
  language: string;
}

export interface ExportDocument {
  title: string;
  description: string;
  /** The day the graph data last changed (latest `added` of a source), YYYY-MM-DD. */
  modified: string;
  nodeCount: number;
  relationCount: number;
  /** Whether any node has a date (GEXF then declares a dynamic graph). */
  hasDatedNodes: boolean;
  /**
   * The nodes and relations, resolved one at a time as a writer asks for them: a whole-graph export
   * never holds every resolved node and relation at once. Each call starts again from the first.
   */
  nodes(): Iterable<ExportNode>;
  relations(): Iterable<ExportRelation>;
  /** The sources the exported claims cite. */
  sources: ExportSource[];
}

export type ExportStore = Pick<GraphStore, "knowledge" | "positions" | "typeColors">;

function qualifierValues(qualifiers: Relation["claims"][number]["qualifiers"]) {
  const values: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(qualifiers)) {
    if (value === undefined) continue;
    values[key] = typeof value === "object" ? value.text : value;
  }
  return values;
}

export function buildExportDocument(store: ExportStore, subgraph: Subgraph): ExportDocument {
  const { knowledge, positions, typeColors } = store;
  const { graph, model } = knowledge;
  const sourceUrl = (id: string) => model.sources.get(id)?.url ?? null;

  const exportNode = (id: string): ExportNode => {
    const attributes = graph.getNodeAttributes(id);
    const degree = graph.degree(id);
    const position = positions.get(id) ?? { x: 0, y: 0 };
    return {
      id,
      label: attributes.label,
      kind: attributes.kind,
      type: attributes.type,
      typeLabel: model.nodeTypes.get(attributes.type)?.label ?? attributes.type,
      aliases: attributes.aliases,
      description: attributes.description,
      wikidata: attributes.wikidata,
      cameo: attributes.cameo,
      date: attributes.date,
      count: attributes.count,
      duration: attributes.duration?.text ?? null,
      extent: attributes.extent?.text ?? null,
      status: attributes.status,
      degree,
      color: typeColors.get(attributes.type) ?? KIND_COLORS[attributes.kind],
      size: nodeSize(degree),
      x: position.x,
      y: position.y,
      attributes,
    };
  };

  const exportRelation = (relation: Relation): ExportRelation => {
    const type = knowledge.relationType(relation.type);
    const family = type?.family ?? "structural";
    const codes = codesAt(type, relation.modality);
    return {
      id: relation.id,
      source: relation.subject,
      target: relation.object,
      type: relation.type,
      typeLabel: type?.label ?? relation.type,
      symmetric: type?.symmetric ?? false,
      modality: relation.modality,
      cameo: codes.cameo,
      plover: codes.plover,
      goldstein: codes.goldstein,
      family,
      color: EDGE_COLORS[family],
      date: relation.date,
      dateOrigin: relation.dateOrigin,
      dateInheritedFrom: relation.dateInheritedFrom,
      count: relation.count,
      duration: relation.duration?.text ?? null,
      extent: relation.extent?.text ?? null,
      confidence: relation.confidence,
      corroboration: relation.corroboration,
      sources: relation.sources,
      sourceUrls: relation.sources.map(sourceUrl),
      claimIds: relation.claims.map((claim) => claim.id),
      quotes: relation.claims.map((claim) => claim.quote),
      claimModalities: relation.claims.map((claim) => claim.modality),
      claims: relation.claims.map((claim) => ({
        id: claim.id,
        quote: claim.quote,
        source: claim.source,
        sourceTitle: model.sources.get(claim.source)?.title ?? claim.source,
        sourceUrl: sourceUrl(claim.source),
        confidence: claim.confidence,
        status: claim.status,
        modality: claim.modality,
        attributedTo: claim.attributedTo,
        qualifiers: qualifierValues(claim.qualifiers),
      })),
      relation,
    };
  };

  const cited = new Set<string>();
  for (const relation of subgraph.relations) for (const source of relation.sources) cited.add(source);
  const sources = [...cited].sort().map((id): ExportSource => {
    const source = model.sources.get(id);
    return {
      id,
      title: source?.title ?? id,
      outlet: source?.outlet ?? null,
      url: source?.url ?? null,
      published: source?.published?.text ?? null,
      author: source?.author ?? null,
      language: source?.language ?? "",
    };
  });

  let modified = "";
  for (const source of model.sources.values()) if (source.added.end > modified) modified = source.added.end;
  const nodeCount = subgraph.nodes.length;
  const relationCount = subgraph.relations.length;
  return {
    title: "peacegraph",
    description:
      `A subgraph of the Armenia–Azerbaijan peace-process graph: ${nodeCount} nodes, ` +
      `${relationCount} relations. Every relation carries its claims: the verbatim quote, ` +
      "the source and its URL, and the confidence; corroboration counts distinct sources.",
    modified: modified || new Date().toISOString().slice(0, 10),
    nodeCount,
    relationCount,
    hasDatedNodes: subgraph.nodes.some((id) => graph.getNodeAttribute(id, "date") !== null),
    *nodes() {
      for (const id of subgraph.nodes) yield exportNode(id);
    },
    *relations() {
      for (const relation of subgraph.relations) yield exportRelation(relation);
    },
    sources,
  };
}
