/**
 * From the drafts of every sentence to the result: duplicates dropped (a repeated paragraph states
 * a fact once), ends checked against the vocabulary, claims that repeat a relation of the graph
 * given its event qualifier so they join it, ids given in reading order, proposed entities listed,
 * and the codes and date notes a reader needs beside each claim.
 */
import { codesAt } from "../graph/modality.ts";
import { foldInPlace } from "./fold.ts";
import type { Referent } from "./discourse.ts";
import type { Extractor } from "./extract.ts";
import { IngestError } from "./input-checks.ts";
import type { LinkIndex } from "./link-index.ts";
import { fits } from "./match-rules.ts";
import type {
  ArticleMeta,
  ClaimNotes,
  ClaimQualifiers,
  ExtractedClaim,
  ExtractionResult,
  Modality,
  ProposedEntity,
  SourceRecord,
} from "./types.ts";

interface DraftBase {
  rule: string;
  subject: Referent;
  quote: string;
  start: number;
  confidence: number;
  /** Found in a headline: dropped when the body states the same. */
  headline: boolean;
}

export type Draft =
  | (DraftBase & {
      kind: "relation";
      relation: string;
      object: Referent;
      modality: Modality;
      attributedTo: Referent | null;
      date: string | null;
      dateNote: string;
      count: { value: number; approximate: boolean } | null;
      role: string | null;
    })
  | (DraftBase & { kind: "date"; value: string })
  | (DraftBase & { kind: "count"; value: number; approximate: boolean });

type RelationDraft = Extract<Draft, { kind: "relation" }>;

const overlaps = (a: DraftBase, b: DraftBase) =>
  a.start < b.start + b.quote.length && b.start < a.start + a.quote.length;

/** What a draft states; the ends of a symmetric relation in a fixed order (A–B is B–A). */
function factKey(draft: Draft, index: LinkIndex): string {
  if (draft.kind !== "relation") return `${draft.subject.entity}\t${draft.kind}\t${draft.value}`;
  const ends = [draft.subject.entity, draft.object.entity];
  if (index.relationTypes.get(draft.relation)?.symmetric) ends.sort();
  return `${ends[0]}\t${draft.relation}\t${ends[1]}`;
}

/** One draft per fact and place: the most confident, then the shortest quote. */
function dropDuplicates(drafts: readonly Draft[], index: LinkIndex): Draft[] {
  const kept: Draft[] = [];
  const byKey = new Map<string, Draft[]>();
  const seen = new Set<string>();
  for (const draft of drafts) {
    const key = factKey(draft, index);
    const same = byKey.get(key) ?? [];
    // The same words again (a repeated paragraph), even when their first reading gave way to a
    // shorter one, or an overlapping reading of the same words.
    const said = `${key}\n${draft.quote}`;
    if (seen.has(said)) continue;
    seen.add(said);
    const twin = same.find((other) => overlaps(other, draft));
    if (twin) {
      const better =
        draft.confidence > twin.confidence ||
        (draft.confidence === twin.confidence && draft.quote.length < twin.quote.length);
      if (better && twin.quote !== draft.quote) kept[kept.indexOf(twin)] = draft;
      if (better && twin.quote !== draft.quote) same[same.indexOf(twin)] = draft;
      continue;
    }
    same.push(draft);
    byKey.set(key, same);
    kept.push(draft);
  }
  return kept;
}

const COUNT_THROUGH_EVENT = 0.85;

/** The act is named by a noun of its nominal rule in the quote ("the release … of 15 detainees"). */
function namedByNoun(draft: RelationDraft, extractor: Extractor): boolean {
  const nouns = extractor.rules.source.nominals[draft.rule]?.nouns ?? [];
  const words = new Set(foldInPlace(draft.quote).split(/[^\p{L}\p{N}]+/u));
  return nouns.some((noun) => words.has(foldInPlace(noun)));
}

function checkEnds(draft: RelationDraft, index: LinkIndex): boolean {
  const type = index.relationTypes.get(draft.relation);
  return (
    type !== undefined &&
    draft.subject.entity !== draft.object.entity &&
    fits(draft.subject, type.domain) &&
    fits(draft.object, type.range)
  );
}

/**
 * The event qualifier that makes a claim join an existing relation: a relation without one, else
 * the only one there is, else one whose event the article names. Undefined: a new relation.
 */
function joiningEvent(
  draft: RelationDraft,
  index: LinkIndex,
  named: ReadonlySet<string>,
): string | undefined {
  const events = index.relationEvents(draft.subject.entity, draft.relation, draft.object.entity);
  if (events.length === 0) return undefined;
  if (events.includes("")) return "";
  const mentioned = events.filter((event) => named.has(event));
  if (mentioned.length >= 1) return mentioned[0];
  return events.length === 1 ? events[0] : undefined;
}

export interface AssembleInput {
  text: string;
  meta: ArticleMeta;
  headline: string | null;
  drafts: Draft[];
  extractor: Extractor;
  started: number;
  sourceId: string;
}

export function assembleResult({
  text,
  meta,
  headline,
  drafts,
  extractor,
  started,
  sourceId,
}: AssembleInput): ExtractionResult {
  const title = meta.title ?? headline;
  if (!title) throw new IngestError("title unknown: the first line is not a headline, so pass --title TEXT");
  const { index } = extractor;
  const source: SourceRecord = {
    id: sourceId,
    title,
    outlet: meta.outlet,
    url: meta.url,
    published: meta.published,
    author: meta.author,
    language: "en",
    added: meta.added,
  };
  const valid = drafts.filter((draft) => draft.kind !== "relation" || checkEnds(draft, index));
  // A headline that repeats the body adds no claim (graph-data/CURATING.md, rule 5).
  const inBody = new Set(valid.filter((draft) => !draft.headline).map((draft) => factKey(draft, index)));
  const kept = dropDuplicates(
    valid.filter((draft) => !draft.headline || !inBody.has(factKey(draft, index))),
    index,
  );
  kept.sort((a, b) => a.start - b.start || a.quote.length - b.quote.length);
  const named = new Set(
    kept.flatMap((d) => (d.kind === "relation" ? [d.subject.entity, d.object.entity] : [d.subject.entity])),
  );

  const claims: ExtractedClaim[] = [];
  const notes: ClaimNotes[] = [];
  const proposals = new Map<string, ProposedEntity>();
  const propose = (referent: Referent | null) => {
    if (!referent?.proposal || proposals.has(referent.entity)) return;
    proposals.set(referent.entity, {
      id: referent.entity,
      label: referent.proposal.label,
      type: referent.proposal.type,
      ...(referent.proposal.aliases.length > 0 ? { aliases: referent.proposal.aliases } : {}),
      description: `Named in source ${sourceId}; proposed by the extractor, not yet reviewed.`,
      status: "extracted",
    });
  };
  // "the release by Azerbaijan of 15 Armenian detainees", joining the release the graph knows: the
  // count is the release's too; an exchange (two counts) has no one count.
  const counted = new Map<string, RelationDraft[]>();
  for (const draft of kept) {
    // Only an act named by its noun ("the release … of 15") is that event; "Azerbaijan released 32
    // soldiers" may be one side of an exchange.
    if (draft.kind !== "relation" || !draft.count || !namedByNoun(draft, extractor)) continue;
    const event = joiningEvent(draft, index, named);
    if (event) counted.set(event, [...(counted.get(event) ?? []), draft]);
  }
  for (const [event, [draft, ...others]] of counted) {
    const entity = index.entities.get(event);
    if (!entity || entity.kind !== "event" || !draft?.count) continue;
    if (others.some((other) => other.count?.value !== draft.count!.value)) continue;
    kept.push({
      kind: "count",
      rule: "event-count",
      subject: { entity: entity.id, kind: entity.kind, type: entity.type },
      value: draft.count.value,
      approximate: draft.count.approximate,
      quote: draft.quote,
      start: draft.start,
      headline: draft.headline,
      // Read through the relation's event: less sure than the relation itself.
      confidence: draft.confidence * COUNT_THROUGH_EVENT,
    });
  }
  kept.sort((a, b) => a.start - b.start || a.quote.length - b.quote.length);
  let joined = 0;
  let undated = 0;
  kept.forEach((draft, i) => {
    const id = `${sourceId}-${String(i + 1).padStart(3, "0")}`;
    const base = { id, source: sourceId, subject: draft.subject.entity };
    propose(draft.subject);
    if (draft.kind === "date" || draft.kind === "count") {
      // An attribute claim: the subject's own date or count.
      const approximate = draft.kind === "count" && draft.approximate;
      claims.push({
        ...base,
        property: draft.kind,
        value: draft.value,
        quote: draft.quote,
        start: draft.start,
        confidence: draft.confidence,
        status: "extracted",
        rule: draft.rule,
        ...(approximate ? { qualifiers: { approximate: true } } : {}),
      });
      notes.push({
        claimId: id,
        cameo: null,
        cameoLabel: null,
        plover: null,
        goldstein: null,
        dateNote: draft.kind === "date" ? `the date of ${draft.subject.entity}` : "a count has no date",
        joins: null,
      });
      return;
    }
    propose(draft.object);
    propose(draft.attributedTo);
    const qualifiers: ClaimQualifiers = {};
    if (draft.date) qualifiers.date = draft.date;
    else undated++;
    if (draft.count) {
      qualifiers.count = draft.count.value;
      if (draft.count.approximate) qualifiers.approximate = true;
    }
    if (draft.role) qualifiers.role = draft.role;
    const event = joiningEvent(draft, index, named);
    if (event) qualifiers.event = event;
    if (event !== undefined) joined++;
    claims.push({
      ...base,
      relation: draft.relation,
      object: draft.object.entity,
      quote: draft.quote,
      start: draft.start,
      confidence: draft.confidence,
      status: "extracted",
      ...(draft.modality === "asserted" ? {} : { modality: draft.modality }),
      ...(draft.attributedTo ? { attributedTo: draft.attributedTo.entity } : {}),
      rule: draft.rule,
      ...(Object.keys(qualifiers).length > 0 ? { qualifiers } : {}),
    });
    const codes = codesAt(index.relationTypes.get(draft.relation), draft.modality);
    notes.push({
      claimId: id,
      cameo: codes.cameo,
      cameoLabel: codes.cameoLabel,
      plover: codes.plover,
      goldstein: codes.goldstein,
      dateNote: draft.dateNote,
      joins:
        event === undefined
          ? null
          : [draft.subject.entity, draft.relation, draft.object.entity, event].filter(Boolean).join("--"),
    });
  });

  const byRelation: Record<string, number> = {};
  for (const claim of claims) {
    const key = claim.relation ?? `(${claim.property})`;
    byRelation[key] = (byRelation[key] ?? 0) + 1;
  }
  const linked = new Set<string>();
  for (const claim of claims)
    for (const id of [claim.subject, claim.object, claim.attributedTo])
      if (id && index.entities.has(id)) linked.add(id);
  return {
    source,
    text,
    claims,
    entities: [...proposals.values()],
    notes,
    summary: {
      claims: claims.length,
      byRelation,
      linked: [...linked].sort(),
      proposed: [...proposals.keys()],
      joined,
      undated,
      ms: Math.round(performance.now() - started),
    },
  };
}
