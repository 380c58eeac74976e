import type { FilteredView } from "./filtered-view.ts";

/**
 * The current view as the export endpoint's `view` parameter: the drawing's version, a dot, then a
 * bitset over the drawing's nodes and then its relations (bit i in byte i >> 3, lowest bit first),
 * deflated and base64url-encoded (see server/export/view-selection.ts). It names exactly what is on
 * screen, whatever filters, ego view or path produced it, in a few kilobytes even at 10⁴ nodes.
 */
export async function encodeView(
  version: string,
  order: { nodes: readonly string[]; relations: readonly string[] },
  view: FilteredView,
): Promise<string> {
  const total = order.nodes.length + order.relations.length;
  const bits = new Uint8Array(Math.ceil(total / 8));
  const set = (i: number) => (bits[i >> 3]! |= 1 << (i & 7));
  order.nodes.forEach((id, i) => view.nodes.has(id) && set(i));
  order.relations.forEach((id, i) => view.relations.has(id) && set(order.nodes.length + i));
  const deflated = await new Response(
    new Blob([bits]).stream().pipeThrough(new CompressionStream("deflate-raw")),
  ).arrayBuffer();
  return `${version}.${base64url(new Uint8Array(deflated))}`;
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
