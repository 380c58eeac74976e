import { inflateRawSync } from "node:zlib";
import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { Subgraph } from "../query/neighborhood.ts";
import { drawingOrderVersion } from "../query/drawing.ts";
import { perRevision } from "../graph/revision.ts";

/**
 * A viewer's view, exactly: `<version>.<bits>`, where bits is a bitset over the drawing's nodes and
 * then its relations (bit i of byte i >> 3, lowest first), deflated (raw) and base64url-encoded.
 * Filters, an ego view or a path all end up as the set of items on screen, so whatever the viewer
 * shows, the export holds those nodes and relations and nothing else. A bitset stays short: 10,000
 * nodes and 30,000 relations are 5,000 bytes before deflate. The version is the drawing's
 * (Query.drawing.version): a view of another graph is refused rather than misread.
 */

const VIEW_PATTERN = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]*)$/;
/** The drawing's version, hashed once per revision of the graph. */
const versionOf = perRevision(drawingOrderVersion);

export function selectView(knowledge: KnowledgeGraph, view: string): Subgraph {
  const match = VIEW_PATTERN.exec(view.trim());
  if (!match) throw new InvalidArgument("view", "must be <version>.<bits>, as the viewer writes it");
  if (match[1] !== versionOf(knowledge))
    throw new InvalidArgument("view", "was made for another version of the graph; reload the viewer");
  const { graph } = knowledge;
  const bytes = Math.ceil((graph.order + graph.size) / 8);
  let bits: Buffer;
  try {
    // The output cap stops a small deflated string from expanding into a huge buffer.
    bits = inflateRawSync(Buffer.from(match[2]!, "base64url"), { maxOutputLength: bytes });
  } catch {
    throw new InvalidArgument("view", "its bits are not a deflated bitset of the graph's size");
  }
  if (bits.length !== bytes)
    throw new InvalidArgument("view", `its bitset has ${bits.length} bytes; this graph needs ${bytes}`);
  const isSet = (i: number) => (bits[i >> 3]! & (1 << (i & 7))) !== 0;
  const nodes: string[] = [];
  const kept = new Set<string>();
  let i = 0;
  graph.forEachNode((id) => {
    if (isSet(i++)) {
      nodes.push(id);
      kept.add(id);
    }
  });
  const relations: Relation[] = [];
  graph.forEachEdge((id, relation) => {
    if (!isSet(i++)) return;
    if (!kept.has(relation.subject) || !kept.has(relation.object))
      throw new InvalidArgument("view", `relation ${id} is in the view but one of its ends is not`);
    relations.push(relation);
  });
  return { nodes, relations, truncated: false };
}
