import { MODALITIES, type EventCodes, type Modality, type RelationType } from "../model/types.ts";

/** The strongest modality among some claims: asserted > announced > hedged > negated. */
export function strongestModality(claims: readonly { modality: Modality }[]): Modality {
  let strongest = MODALITIES.length - 1;
  for (const claim of claims) {
    const rank = MODALITIES.indexOf(claim.modality);
    if (rank < strongest) strongest = rank;
  }
  return MODALITIES[strongest]!;
}

const NO_CODES: EventCodes = Object.freeze({ cameo: null, cameoLabel: null, goldstein: null, plover: null });

/**
 * The event codes of a relation type at a modality: the type's own codes for that modality when the
 * vocabulary gives them (RELEASED announced is 0353, an intention to release); otherwise the base
 * codes for asserted and announced claims, and none for hedged or negated ones: a possibility or a
 * denial is not an event, so it gets no CAMEO code, PLOVER type or Goldstein value.
 */
export function codesAt(
  type: (EventCodes & Pick<RelationType, "modalities">) | undefined,
  modality: Modality,
): EventCodes {
  if (!type) return NO_CODES;
  const own = type.modalities[modality];
  if (own) return own;
  return modality === "asserted" || modality === "announced" ? type : NO_CODES;
}
