import type { GraphModel, RelationClaim } from "../model/types.ts";
import type { Conflict, ConflictingValue, Relation } from "./types.ts";

/**
 * NEGATION conflicts: a source says something did not happen while a source says it did.
 *
 * 1. A relation whose claims include negated claims and asserted or announced ones.
 * 2. A negated claim whose subject stands for any outsider (a node type with `anyOther`, such as
 *    "without third-party mediation") contradicts every asserted or announced relation of the same
 *    type whose object is the negated claim's object, or an event that object is part of (following
 *    asserted PART_OF relations upwards), and whose subject is an actor that is not a party. The
 *    parties are the subjects of asserted or announced relations of a `party` type (ISSUED,
 *    PARTICIPATED_IN, SIGNED) whose object is one of those same events. So "statements released
 *    without third-party mediation" meets "the West's neutral mediator role" in the peace process
 *    the statements are part of, but not Armenia, which issued them.
 * The conflict is on the negated relation, id `<relation id>#negation`, and lists the claims by
 * modality: the negated ones, then those they contradict.
 */

const ASSERTING = new Set(["asserted", "announced"]);
const asserting = (relation: Relation) => ASSERTING.has(relation.modality);

function byModality(claims: readonly RelationClaim[]): ConflictingValue[] {
  const groups = new Map<string, RelationClaim[]>();
  for (const claim of claims) {
    if (claim.modality === "hedged") continue;
    const group = groups.get(claim.modality) ?? [];
    group.push(claim);
    groups.set(claim.modality, group);
  }
  const order = ["negated", "asserted", "announced"];
  return [...groups]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([value, group]) => ({ value, claims: group, sources: [...new Set(group.map((c) => c.source))] }));
}

function negationConflict(relation: Relation, claims: readonly RelationClaim[]): Conflict {
  return {
    id: `${relation.id}#negation`,
    kind: "negation",
    target: { kind: "relation", id: relation.id },
    property: "modality",
    values: byModality(claims),
  };
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function negationConflicts(model: GraphModel, relations: Iterable<Relation>): Conflict[] {
  const conflicts: Conflict[] = [];
  const outsiderDenials: Relation[] = [];
  const anyOther = (id: string) => {
    const entity = model.entities.get(id);
    return entity !== undefined && (model.nodeTypes.get(entity.type)?.anyOther ?? false);
  };
  const all: Relation[] = [];
  for (const relation of relations) {
    all.push(relation);
    const negated = relation.claims.some((claim) => claim.modality === "negated");
    if (!negated) continue;
    if (relation.claims.some((claim) => ASSERTING.has(claim.modality)))
      conflicts.push(negationConflict(relation, relation.claims));
    else if (anyOther(relation.subject)) outsiderDenials.push(relation);
  }
  if (outsiderDenials.length === 0) return conflicts;

  // Indexes for rule 2, built only when a graph has outsider denials.
  const byTypeAndObject = new Map<string, Relation[]>();
  const wholesOf = new Map<string, string[]>();
  const partiesOf = new Map<string, string[]>();
  for (const relation of all) {
    if (!asserting(relation)) continue;
    pushTo(byTypeAndObject, `${relation.type}\u0000${relation.object}`, relation);
    if (relation.type === "PART_OF") pushTo(wholesOf, relation.subject, relation.object);
    if (model.relationTypes.get(relation.type)?.party) pushTo(partiesOf, relation.object, relation.subject);
  }
  for (const denial of outsiderDenials) {
    const scope = new Set([denial.object]);
    for (const id of scope) for (const whole of wholesOf.get(id) ?? []) scope.add(whole);
    const parties = new Set([...scope].flatMap((id) => partiesOf.get(id) ?? []));
    const contradicted = [...scope].flatMap((object) =>
      (byTypeAndObject.get(`${denial.type}\u0000${object}`) ?? []).filter(
        (relation) =>
          !parties.has(relation.subject) &&
          !anyOther(relation.subject) &&
          model.entities.get(relation.subject)?.kind === "actor",
      ),
    );
    if (contradicted.length === 0) continue;
    const claims = [
      ...denial.claims,
      ...contradicted.flatMap((relation) => relation.claims.filter((claim) => ASSERTING.has(claim.modality))),
    ];
    conflicts.push(negationConflict(denial, claims));
  }
  return conflicts;
}
