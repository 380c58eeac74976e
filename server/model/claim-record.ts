import type { AttributeClaim, AttributeValue, Qualifiers, RelationClaim } from "./types.ts";

/** The fields every claim has, whichever form it takes. */
export type ClaimBase = Omit<RelationClaim, "form" | "relation" | "object" | "qualifiers">;

/*
 * Claims are built here, field by field in one fixed order, never by spreading one object into
 * another: V8 gives every object made by a spread plus extra fields a hidden class of its own, which
 * cost a million claims over 200 bytes each. Built this way, all relation claims share one hidden
 * class, all attribute claims another, and their fields sit inside the object.
 */

export function relationClaimRecord(
  base: ClaimBase,
  relation: string,
  object: string,
  qualifiers: Qualifiers,
): RelationClaim {
  return {
    form: "relation",
    id: base.id,
    source: base.source,
    subject: base.subject,
    quote: base.quote,
    quoteStart: base.quoteStart,
    confidence: base.confidence,
    status: base.status,
    modality: base.modality,
    attributedTo: base.attributedTo,
    rule: base.rule,
    file: base.file,
    line: base.line,
    relation,
    object,
    qualifiers,
  };
}

export function attributeClaimRecord(base: ClaimBase, value: AttributeValue): AttributeClaim {
  return {
    form: "attribute",
    id: base.id,
    source: base.source,
    subject: base.subject,
    quote: base.quote,
    quoteStart: base.quoteStart,
    confidence: base.confidence,
    status: base.status,
    modality: base.modality,
    attributedTo: base.attributedTo,
    rule: base.rule,
    file: base.file,
    line: base.line,
    property: value.property,
    value: value.value,
  } as AttributeClaim;
}
