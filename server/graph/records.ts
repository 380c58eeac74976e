import type { Entity } from "../model/types.ts";
import type { NodeAttributes } from "./types.ts";

/*
 * Graph records are built field by field in one fixed order, never by spreading: V8 gives each
 * object made by a spread plus extra fields a hidden class of its own (hundreds of bytes each, a
 * hundred thousand nodes), while objects built alike share one.
 */

type NodeValues = Pick<NodeAttributes, "date" | "count" | "duration" | "extent">;

/** A node: its entity's fields and the values derived from its attribute claims. */
export function nodeRecord(entity: Entity, values: NodeValues): NodeAttributes {
  return {
    id: entity.id,
    label: entity.label,
    type: entity.type,
    kind: entity.kind,
    aliases: entity.aliases,
    description: entity.description,
    wikidata: entity.wikidata,
    cameo: entity.cameo,
    status: entity.status,
    file: entity.file,
    line: entity.line,
    date: values.date,
    count: values.count,
    duration: values.duration,
    extent: values.extent,
  };
}
