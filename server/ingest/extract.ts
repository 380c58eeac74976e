/**
 * extractArticle: an article and its metadata in, candidate claims and proposed entities out.
 * Sentence by sentence: tokens, mentions, rule matches; then for each match its attribution, date,
 * count and confidence. Claims repeating a relation the graph has join it (same event qualifier);
 * every claim is checked against the vocabulary's domain and range before it is returned.
 */
import { buildGazetteer, type Gazetteer } from "./gazetteer.ts";
import { attributionOf } from "./attribution.ts";
import { compileRules, type CompiledRules } from "./compiled-rules.ts";
import { confidenceOf } from "./confidence.ts";
import { countBefore, numberEndingAt } from "./counts.ts";
import { findDates, openInterval } from "./date-phrases.ts";
import { dateFor, eventDates, placeDates } from "./dating.ts";
import { Discourse, type Referent } from "./discourse.ts";
import { DatedEvents, eventNounMentions } from "./event-nouns.ts";
import { foldInPlace, slugify } from "./fold.ts";
import type { LinkIndex } from "./link-index.ts";
import { matchSentence } from "./match-rules.ts";
import { findMentions, type MentionContext } from "./mentions.ts";
import { viewOf, type RoleContext } from "./roles.ts";
import type { ExtractionRules } from "./rules-file.ts";
import { segmentSentences } from "./segment.ts";
import { assembleResult, type Draft } from "./assemble.ts";
import { tokenize } from "./tokens.ts";
import type { ArticleMeta, ExtractionResult, Sentence, Token } from "./types.ts";

/** The link index and the rules, with what is derived from them once: matchers and the gazetteer. */
export interface Extractor {
  index: LinkIndex;
  rules: CompiledRules;
  /** The gazetteer for an article: of the whole graph when it is small, else of what the article can name. */
  gazetteerFor(text: string): Gazetteer;
  datedEvents: DatedEvents;
}

/** Past this many entities, each article gets a gazetteer of the names it can contain. */
const WHOLE_GAZETTEER_LIMIT = 20_000;

export function createExtractor(index: LinkIndex, rules: ExtractionRules): Extractor {
  let whole: Gazetteer | undefined;
  return {
    index,
    rules: compileRules(rules),
    gazetteerFor(text) {
      if (index.entities.size <= WHOLE_GAZETTEER_LIMIT) return (whole ??= buildGazetteer(index, rules));
      const words = new Set(foldInPlace(text).match(/[\p{L}\p{N}]+/gu) ?? []);
      return buildGazetteer(index, rules, index.entitiesNamedFrom(words));
    },
    datedEvents: new DatedEvents(index),
  };
}

/** The rules' default pair ("the parties"), by label. */
function defaultPair(extractor: Extractor): Referent[] {
  const found: Referent[] = [];
  for (const label of extractor.rules.source.linking.defaultPair) {
    const entity = extractor.index.entitiesNamed(label).find((known) => known.kind === "actor");
    if (entity) found.push({ entity: entity.id, kind: entity.kind, type: entity.type });
  }
  return found.length === 2 ? found : [];
}

/** A headline in Title Case tags badly; sentence case keeps names (the gazetteer's) capitalised. */
function taggingText(sentence: Sentence, gazetteer: Gazetteer): string {
  if (!sentence.headline) return sentence.text;
  const names = gazetteer.find(sentence.text);
  const inName = (at: number) => names.some((name) => at >= name.start && at < name.end);
  return sentence.text.replace(/\b(\p{Lu})(\p{Ll}+)/gu, (word, initial: string, rest: string, at: number) =>
    at === 0 || inName(at) ? word : initial.toLowerCase() + rest,
  );
}

/** The article's own speaker (an official text's author), from its outlet or title. */
function speakerOf(meta: ArticleMeta, extractor: Extractor, ctx: MentionContext): Referent | null {
  for (const line of [meta.outlet, meta.author, meta.title]) {
    if (!line) continue;
    const sentence: Sentence = { start: 0, end: line.length, text: line, headline: false };
    const tokens = tokenize(sentence);
    const actor = findMentions(sentence, tokens, ctx).mentions.find(
      (mention) => mention.kind === "actor" && !mention.modifier && mention.type !== "group",
    );
    const entity = actor && extractor.index.entities.get(actor.entity);
    if (actor && entity) return { entity: entity.id, kind: entity.kind, type: entity.type, via: actor.via };
  }
  return null;
}

const OPENING = /^[“"‘'([]$/;
const CLOSING = /^[”"’')\]]$/;
const PHRASE_RULES = new Set([
  "obligations",
  "between",
  "between-nouns",
  "agents",
  "statement-frame",
  "places",
  "targets",
  "forces",
  "leads",
  "members",
]);
const UNDATED_RULES = new Set(["leads", "members", "forces"]);
const VERB_RULES = { has: (rule: string) => !PHRASE_RULES.has(rule) };
// Nominal rules ("the release by Azerbaijan of …") take dates like verbs.
const PHRASE_DATE_REACH = 2;

/** Everything found in one sentence, as drafts of claims. */
function readSentence(
  sentence: Sentence,
  text: string,
  meta: ArticleMeta,
  extractor: Extractor,
  ctx: MentionContext,
  roles: RoleContext,
): Draft[] {
  const tokens: Token[] = tokenize(sentence, taggingText(sentence, ctx.gazetteer));
  const dates = placeDates(findDates(sentence.text, meta.published), sentence, tokens);
  const named = findMentions(sentence, tokens, ctx);
  const titles = named.titles;
  const mentions = eventNounMentions(tokens, named.mentions, dates, {
    rules: extractor.rules,
    index: extractor.index,
    discourse: roles.discourse,
    datedEvents: extractor.datedEvents,
    published: meta.published,
  });
  roles.discourse.observeMentions(mentions);
  const view = viewOf(tokens, mentions, sentence.headline);
  const quoteOf = (from: number, to: number) => {
    // A quote starts and ends on words: "…on Thursday," loses its comma.
    let first = from;
    let last = to;
    while (first < last && tokens[first]!.pos === "PUNCT" && !OPENING.test(tokens[first]!.text)) first++;
    while (last > first && tokens[last]!.pos === "PUNCT" && !CLOSING.test(tokens[last]!.text)) last--;
    return {
      quote: text.slice(tokens[first]!.start, tokens[last]!.end),
      start: tokens[first]!.start,
      headline: sentence.headline,
    };
  };
  const drafts: Draft[] = [];
  for (const candidate of matchSentence(sentence, view, titles, extractor.index, ctx.gazetteer, roles)) {
    const speaker =
      sentence.headline || PHRASE_RULES.has(candidate.rule)
        ? null
        : attributionOf(view, candidate.anchor, roles);
    // "Kremlin spokesman Dmitry Peskov said …", "UK Deputy Ambassador Deirdre Brown encourages …":
    // the words are the envoy's, for the state. An actor reporting its own act ("Georgia welcomed
    // …, the Georgian Foreign Ministry said") is the source's assertion, not a second voice.
    const voice = speaker?.speaker ?? speaker ?? candidate.subject.speaker ?? null;
    const attributedTo = voice && voice.entity !== candidate.subject.entity ? voice : null;
    // A noun phrase ("talks between A and B") takes only a date right beside it.
    const reach = VERB_RULES.has(candidate.rule) ? Infinity : PHRASE_DATE_REACH;
    // A title or a force's state is no act: it takes no date ("spoke overnight with President Aliyev").
    const date = UNDATED_RULES.has(candidate.rule)
      ? null
      : dateFor(dates, tokens, candidate.anchor, candidate.first, candidate.last, candidate.modality, reach);
    const first = date ? Math.min(candidate.first, date.place.first) : candidate.first;
    const last = date ? Math.max(candidate.last, date.place.last) : candidate.last;
    const objectMention = view.covering[candidate.last] ?? undefined;
    const count =
      candidate.object.kind === "actor" && objectMention && objectMention.entity === candidate.object.entity
        ? (numberEndingAt(tokens, objectMention.first, extractor.rules.approximate) ??
          countBefore(tokens, objectMention.first, extractor.rules.approximate))
        : undefined;
    const links = [candidate.subject.via, candidate.object.via].filter((via) => via !== undefined);
    drafts.push({
      kind: "relation",
      rule: candidate.rule,
      relation: candidate.relation,
      subject: candidate.subject,
      object: candidate.object,
      ...quoteOf(Math.min(first, count?.first ?? first), last),
      modality: candidate.modality,
      attributedTo,
      date: date?.value ?? null,
      dateNote: date
        ? `"${sentence.text.slice(date.place.phrase.start, date.place.phrase.end)}"${date.place.phrase.relative ? ` resolved against ${meta.published}` : ""}`
        : "no date in the text",
      count: count ? { value: count.value, approximate: count.approximate } : null,
      role: "role" in candidate ? (candidate.role ?? null) : null,
      confidence: confidenceOf({
        ruleConfidence: candidate.confidence,
        ends: [candidate.subject, candidate.object],
        links,
      }),
    });
  }
  // "the joint statement issued on 7 December": a dated relation whose type takes its date from
  // an event end (vocabulary `dateFrom`) dates that event too.
  for (const draft of [...drafts]) {
    if (draft.kind !== "relation" || draft.date === null) continue;
    const end = extractor.index.relationTypes.get(draft.relation)?.dateFrom;
    const event = end === "object" ? draft.object : end === "subject" ? draft.subject : null;
    if (!event || event.kind !== "event") continue;
    const starts = extractor.rules.source.rules[draft.rule]?.startsEvent ?? false;
    drafts.push({
      kind: "date",
      rule: "event-date",
      subject: event,
      value: (starts ? openInterval(draft.date, "end") : draft.date) ?? draft.date,
      quote: draft.quote,
      start: draft.start,
      headline: draft.headline,
      confidence: extractor.rules.source.phrases.eventDate.confidence,
    });
  }
  for (const found of eventDates(mentions, dates, tokens)) {
    drafts.push({
      kind: "date",
      rule: "event-date",
      subject: {
        entity: found.event.entity,
        kind: found.event.kind,
        type: found.event.type,
        ...(found.event.proposal ? { proposal: found.event.proposal } : {}),
      },
      value: found.value,
      ...quoteOf(found.first, found.last),
      confidence: extractor.rules.source.phrases.eventDate.confidence,
    });
  }
  return drafts;
}

/** Proposes the claims an article makes. `text` must already have passed the input checks. */
export function extractArticle(text: string, meta: ArticleMeta, extractor: Extractor): ExtractionResult {
  const started = performance.now();
  const names = [text, meta.title, meta.outlet, meta.author].filter((part) => part !== null).join("\n");
  const ctx: MentionContext = {
    ...extractor,
    gazetteer: extractor.gazetteerFor(names),
    published: meta.published,
  };
  const discourse = new Discourse();
  discourse.speaker = speakerOf(meta, extractor, ctx);
  discourse.speakerKnown = discourse.speaker !== null;
  discourse.defaultPair = defaultPair(extractor);
  const roles: RoleContext = { rules: extractor.rules, discourse };
  const sentences = segmentSentences(text, extractor.rules.source.segmentation);
  const drafts = sentences.flatMap((sentence) => readSentence(sentence, text, meta, extractor, ctx, roles));
  const headline = sentences[0]?.headline && sentences[0].first ? sentences[0].text : null;
  return assembleResult({
    text,
    meta,
    headline,
    drafts,
    extractor,
    started,
    sourceId: sourceIdFor(meta, headline, extractor.index),
  });
}

/** The given id, else one made from the title and date, unused in the graph. */
function sourceIdFor(meta: ArticleMeta, headline: string | null, index: LinkIndex): string {
  if (meta.id) return meta.id;
  const base = `${slugify(meta.title ?? headline ?? "article", 6) || "article"}-${slugify(meta.published ?? meta.added)}`;
  let id = base;
  for (let n = 2; index.sourceIds.has(id); n++) id = `${base}-${n}`;
  return id;
}
