import type { KnowledgeGraph, NodeAttributes } from "../graph/types.ts";
import { InvalidArgument, checkRange } from "./invalid-argument.ts";
import { dateArgument, dateInRange } from "./relation-filter.ts";

export const MAX_TIMELINE = 100;

/** Dated events in date order; with `actor`, only the events it is directly related to. */
export function timeline(
  knowledge: KnowledgeGraph,
  actor: string | null | undefined,
  fromText: string | null | undefined,
  toText: string | null | undefined,
  first: number,
): NodeAttributes[] {
  checkRange("first", first, 1, MAX_TIMELINE);
  const { graph } = knowledge;
  const from = dateArgument("from", fromText);
  const to = dateArgument("to", toText);
  if (from && to && to.end < from.start) throw new InvalidArgument("to", "is before from");
  let candidates: Iterable<string>;
  if (actor !== null && actor !== undefined) {
    if (!graph.hasNode(actor)) throw new InvalidArgument("actor", `unknown node "${actor}"`);
    if (graph.getNodeAttribute(actor, "kind") !== "actor")
      throw new InvalidArgument("actor", `"${actor}" is not an actor`);
    candidates = new Set(graph.neighbors(actor));
  } else {
    candidates = graph.nodes();
  }
  const events: NodeAttributes[] = [];
  for (const id of candidates) {
    const node = graph.getNodeAttributes(id);
    if (node.kind === "event" && node.date && dateInRange(node.date, from, to)) events.push(node);
  }
  return events
    .sort((a, b) =>
      a.date!.start < b.date!.start ? -1 : a.date!.start > b.date!.start ? 1 : a.id < b.id ? -1 : 1,
    )
    .slice(0, first);
}
