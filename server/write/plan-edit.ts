import { claimRecord, sameRecord } from "../model/records.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { ChangeSet } from "../store/types.ts";
import { checkClaim, findClaim, type PlanContext } from "./plan-context.ts";

/** Qualifiers as an edit gives them: the whole set, replacing the claim's. */
export interface QualifiersEdit {
  date?: string | null;
  count?: number | null;
  outOf?: number | null;
  approximate?: boolean | null;
  place?: string | null;
  event?: string | null;
  role?: string | null;
  framing?: string | null;
  note?: string | null;
}

/** A correction to a claim; fields left out (or null) stay as they are. */
export interface ClaimEdit {
  subject?: string | null;
  relation?: string | null;
  object?: string | null;
  /** The quote as a span of the source text, in UTF-16 code units as JavaScript counts them. */
  quoteStart?: number | null;
  quoteEnd?: number | null;
  qualifiers?: QualifiersEdit | null;
  modality?: string | null;
}

/** Which argument a problem with a record field came from. */
function editField(recordPath: string): string {
  if (recordPath === "quote" || recordPath === "start") return "edit.quoteStart";
  if (/^(subject|relation|object|modality)$/.test(recordPath) || recordPath.startsWith("qualifiers"))
    return `edit.${recordPath}`;
  return "edit";
}

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

const defined = <T extends object>(object: T) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));

/**
 * Corrects a claim: subject, relation type, object, quote span, qualifiers, modality. The result is
 * checked exactly as the loader checks a claim (a relation's domain and range, a quote that is the
 * source's own words, qualifier types), and the first problem names the argument at fault.
 */
export function planEditClaim(
  context: PlanContext,
  id: string,
  edit: ClaimEdit,
  note: string | null,
  maxQuoteChars: number,
): ChangeSet {
  const claim = findClaim(context, id);
  const previous = claimRecord(claim);
  const record: Record<string, unknown> = { ...previous };
  const fields: string[] = [];
  const set = (field: string, value: unknown) => {
    record[field] = value;
    fields.push(field);
  };
  const relationField = ["relation", "object", "qualifiers"].find((field) =>
    given(edit[field as keyof ClaimEdit]),
  );
  if (claim.form === "attribute" && relationField)
    throw new InvalidArgument(
      `edit.${relationField}`,
      `claim "${id}" gives a ${claim.property}, not a relation`,
    );
  if (given(edit.subject)) set("subject", edit.subject);
  if (given(edit.relation)) set("relation", edit.relation);
  if (given(edit.object)) set("object", edit.object);
  if (given(edit.qualifiers)) set("qualifiers", defined(edit.qualifiers));
  if (given(edit.modality)) set("modality", edit.modality.toLowerCase());
  if (given(edit.quoteStart) !== given(edit.quoteEnd))
    throw new InvalidArgument(
      given(edit.quoteStart) ? "edit.quoteEnd" : "edit.quoteStart",
      "give both quoteStart and quoteEnd",
    );
  if (given(edit.quoteStart) && given(edit.quoteEnd)) {
    const text = context.knowledge.model.sources.get(claim.source)?.text ?? "";
    const { quoteStart: start, quoteEnd: end } = edit;
    if (!Number.isInteger(start) || start < 0 || start >= text.length)
      throw new InvalidArgument(
        "edit.quoteStart",
        `must be an offset in the source text, 0 to ${text.length - 1}, got ${start}`,
      );
    if (!Number.isInteger(end) || end <= start || end > text.length)
      throw new InvalidArgument(
        "edit.quoteEnd",
        `must be past quoteStart and at most ${text.length}, got ${end}`,
      );
    if (end - start > maxQuoteChars)
      throw new InvalidArgument(
        "edit.quoteEnd",
        `a quote is at most ${maxQuoteChars} characters, this one is ${end - start}`,
      );
    const quote = text.slice(start, end);
    if (quote.trim() === "") throw new InvalidArgument("edit.quoteStart", "the span holds only white space");
    set("quote", quote);
    // The offset too, so the claim points at this occurrence of the words, not the first.
    record.start = start;
  }
  if (fields.length === 0) throw new InvalidArgument("edit", "gives nothing to change");
  if (sameRecord(record, previous)) throw new InvalidArgument("edit", `changes nothing in claim "${id}"`);
  checkClaim(record, { model: context.knowledge.model }, claim.file, editField);
  return {
    action: { kind: "editClaim", claim: id, fields, note },
    changes: [{ op: "update", kind: "claim", previous, record: { id, ...record }, where: claim.file }],
  };
}
