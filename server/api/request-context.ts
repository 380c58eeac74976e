import type { Principal } from "../http/write-access.ts";
import type { LiveGraph } from "../live/live-graph.ts";
import type { ApiContext, GraphStore } from "./context.ts";

/** What a server hands every request besides the graph. */
export type RequestExtras = Omit<ApiContext, keyof GraphStore>;

const livePrototypes = new WeakMap<LiveGraph, object>();

/**
 * An object whose graph-store fields are read from the graph current at the moment they are read.
 * They are getters on the prototype because Apollo copies a request's context (own properties only,
 * prototype kept) before running it: getters there survive the copy, values would be frozen.
 */
function livePrototype(live: LiveGraph): object {
  let prototype = livePrototypes.get(live);
  if (!prototype) {
    prototype = {};
    for (const key of Object.keys(live.current) as (keyof GraphStore)[])
      Object.defineProperty(prototype, key, { get: () => live.current[key] });
    livePrototypes.set(live, prototype);
  }
  return prototype;
}

/**
 * The context of one request. Over a live graph, a mutation's answer shows its own write, even
 * when the write replaced the graph's objects in the middle of the request.
 */
export function requestContext(
  graph: GraphStore | LiveGraph,
  extras: RequestExtras,
  principal?: Principal,
): ApiContext {
  if (!("current" in graph)) return { ...graph, ...extras, principal };
  return Object.assign(Object.create(livePrototype(graph)) as ApiContext, extras, { principal });
}
