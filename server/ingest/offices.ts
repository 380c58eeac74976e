/**
 * Offices and titles around a state: "the Armenian Foreign Ministry" and "the Ministry of Foreign
 * Affairs of Türkiye" stand for their state; "Azerbaijani President Ilham Aliyev" is Aliyev, who leads
 * Azerbaijan; "UK Deputy Ambassador Deirdre Brown" speaks for the United Kingdom.
 */
import { foldInPlace } from "./fold.ts";
import type { Mention, Sentence, TitleFact, Token } from "./types.ts";
import {
  isInitials,
  isPossessive,
  mentionOf,
  pastNamePrefixes,
  proposed,
  titleAt,
  unknownNameAfter,
  type MentionContext,
} from "./mention-parts.ts";

/** Where an office phrase sits: its title or office words, and where a person's name may follow. */
export interface OfficeSpan {
  /** First token of the whole phrase (the state, or "the" before the office). */
  first: number;
  officeAt: number;
  officeEnd: number;
  /** The token after which a name may follow: the office's end, or the state's in "<office> of <state>". */
  nameAfter: number;
}

/**
 * A state (or organisation) with an office or title around it. Returns the mention that stands for
 * the whole phrase, or undefined when a known person there stands instead (and is kept as found).
 */
export function officePhrase(
  state: Mention,
  tokens: readonly Token[],
  span: OfficeSpan,
  ctx: MentionContext,
  taken: ReadonlySet<number>,
  mentionsByFirst: ReadonlyMap<number, Mention>,
  titles: TitleFact[],
): Mention | undefined {
  const title = titleAt(tokens, span.officeAt, ctx.rules);
  const titleEnd = title ? Math.max(title[0], span.officeEnd) : span.officeEnd;
  const nameAfter = Math.max(span.nameAfter, titleEnd);
  const envoy = envoyPhrase(state, tokens, span, nameAfter, ctx, taken, mentionsByFirst, titles);
  if (envoy) return envoy;
  // A known person right after the title: the person stands; a head title says whom they lead.
  let next = nameAfter + 1;
  // "The president of the breakaway Republic of Artsakh, Arayik Harutyunyan": an apposition.
  if (tokens[next]?.norm === ",") {
    const named = pastNamePrefixes(tokens, next + 1, ctx.rules, mentionsByFirst);
    if (mentionsByFirst.get(named)?.type === "person") next = named;
  }
  next = pastNamePrefixes(tokens, next, ctx.rules, mentionsByFirst);
  const person = mentionsByFirst.get(next);
  if (title && person && person.type === "person") {
    titles.push({
      person,
      body: state.entity,
      role: title[1],
      head: title[2],
      first: span.first,
      last: person.last,
    });
    person.first = Math.min(person.first, span.first);
    return undefined;
  }
  // A title and a name the graph does not know: a person to propose, who leads or belongs to the body.
  let nameFrom = nameAfter;
  // "the Minister of Foreign Affairs of Armenia, H.E. Mr. Ararat Mirzoyan": an honorific says a
  // name follows the comma.
  if (title && tokens[nameAfter + 1]?.norm === ",") {
    if (ctx.rules.honorifics.matchAt(tokens, nameAfter + 2) >= 0)
      nameFrom = pastNamePrefixes(tokens, nameAfter + 2, ctx.rules) - 1;
  }
  const nameEnd = title ? unknownNameAfter(tokens, nameFrom, taken) : -1;
  if (title && nameEnd >= 0) {
    const name = tokens
      .slice(nameFrom + 1, nameEnd + 1)
      .filter((t) => !isInitials(t))
      .map((t) => t.text)
      .join(" ");
    const personMention = proposed(span.first, nameEnd, name, "person", ctx);
    if (personMention) {
      titles.push({
        person: personMention,
        body: state.entity,
        role: title[1],
        head: title[2],
        first: span.first,
        last: nameEnd,
      });
      return personMention;
    }
  }
  const last = Math.max(nameEnd, nameAfter);
  // A head title with no name: its holder, when the graph knows who holds it.
  if (title && title[2] && nameEnd < 0) {
    const holder = ctx.index.titles
      .get(state.entity)
      ?.find((h) => foldInPlace(h.role) === foldInPlace(title[1]));
    const held =
      holder && mentionOf({ kind: "known", entity: holder.person }, span.first, last, ctx, "title");
    if (held) return held;
  }
  // Otherwise the office, spokesperson or official speaks for the state.
  return { ...state, first: span.first, last, via: "office" };
}

/**
 * "UK Deputy Ambassador Deirdre Brown", "the State Department spokesperson Matthew Miller": an envoy
 * speaks for the state, so the mention is the state, with the person as its speaker.
 */
export function envoyPhrase(
  state: Mention,
  tokens: readonly Token[],
  span: OfficeSpan,
  nameAfter: number,
  ctx: MentionContext,
  taken: ReadonlySet<number>,
  mentionsByFirst: ReadonlyMap<number, Mention>,
  titles: TitleFact[],
): Mention | undefined {
  const envoyEnd = ctx.rules.envoyTitles.matchAt(tokens, span.officeAt);
  if (envoyEnd < 0 || state.type !== "state") return undefined;
  const after = Math.max(nameAfter, envoyEnd);
  let next = after + 1;
  next = pastNamePrefixes(tokens, next, ctx.rules, mentionsByFirst);
  const known = mentionsByFirst.get(next);
  let person: Mention | undefined;
  if (known?.type === "person") person = known;
  else {
    const nameEnd = unknownNameAfter(tokens, after, taken);
    if (nameEnd < 0) return undefined;
    const name = tokens
      .slice(after + 1, nameEnd + 1)
      .filter((t) => !isInitials(t))
      .map((t) => t.text)
      .join(" ");
    person = proposed(after + 1, nameEnd, name, "person", ctx);
  }
  if (!person) return undefined;
  const speaker = {
    entity: person.entity,
    kind: person.kind,
    type: person.type,
    ...(person.proposal ? { proposal: person.proposal } : {}),
  };
  // The person's own mention is folded into the state's; the title still says they belong to it.
  person.modifier = true;
  const role = tokens
    .slice(span.officeAt, envoyEnd + 1)
    .map((t) => t.text)
    .join(" ");
  titles.push({ person, body: state.entity, role, head: false, first: span.first, last: person.last });
  return { ...state, first: span.first, last: person.last, via: "office", speaker };
}

/**
 * A person named by an alias that is itself a title phrase ("Armenian Prime Minister",
 * "Azerbaijan's President Ilham Aliyev"): the title still says whom they lead.
 */
export function titlesInside(
  sentence: Sentence,
  tokens: readonly Token[],
  person: Mention,
  ctx: MentionContext,
): TitleFact[] {
  const ofBody = titleOfBody(sentence, tokens, person, ctx);
  if (ofBody) return [ofBody];
  for (let at = person.first + 1; at <= person.last; at++) {
    // A head title says whom they lead; another ("Armenian Foreign Minister Mirzoyan") where they belong.
    const headEnd = ctx.rules.headTitles.matchAt(tokens, at);
    const otherEnd = headEnd < 0 ? ctx.rules.titles.matchAt(tokens, at) : -1;
    const head = Math.max(headEnd, otherEnd);
    if (head < 0 || head > person.last) continue;
    let bodyEnd = at - 1;
    if (isPossessive(tokens[bodyEnd])) bodyEnd--;
    const from = tokens[person.first]!.start - sentence.start;
    const to = tokens[bodyEnd]!.end - sentence.start;
    const body = ctx.gazetteer
      .find(sentence.text.slice(from, to))
      .find((match) => match.start === 0 && match.end === to - from);
    const target = body?.forms.find((form) => form.target.kind === "known")?.target;
    const entity = target?.kind === "known" ? ctx.index.entities.get(target.entity) : undefined;
    if (!entity || entity.kind !== "actor" || entity.type === "person") return [];
    const role = tokens
      .slice(at, head + 1)
      .map((t) => t.text)
      .join(" ");
    return [
      {
        person,
        body: entity.id,
        role: ctx.rules.headTitleRoles.get(foldInPlace(role)) ?? role,
        head: headEnd >= 0,
        first: person.first,
        last: person.last,
      },
    ];
  }
  return [];
}

/** The known actor (not a person) whose name is exactly this part of the sentence. */
function bodyNamed(
  sentence: Sentence,
  tokens: readonly Token[],
  first: number,
  last: number,
  ctx: MentionContext,
) {
  const from = tokens[first]!.start - sentence.start;
  const to = tokens[last]!.end - sentence.start;
  const body = ctx.gazetteer
    .find(sentence.text.slice(from, to))
    .find((match) => match.start === 0 && match.end === to - from);
  const target = body?.forms.find((form) => form.target.kind === "known")?.target;
  const entity = target?.kind === "known" ? ctx.index.entities.get(target.entity) : undefined;
  return entity && entity.kind === "actor" && entity.type !== "person" ? entity : undefined;
}

/**
 * A person named by an alias that opens with "<title> of <body>" ("President of the European
 * Council Michel"): they lead (or belong to) the body.
 */
function titleOfBody(
  sentence: Sentence,
  tokens: readonly Token[],
  person: Mention,
  ctx: MentionContext,
): TitleFact | undefined {
  const headEnd = ctx.rules.headTitles.matchAt(tokens, person.first);
  const end = headEnd >= 0 ? headEnd : ctx.rules.titles.matchAt(tokens, person.first);
  if (end < 0 || tokens[end + 1]?.norm !== "of") return undefined;
  const first = tokens[end + 2]?.norm === "the" ? end + 3 : end + 2;
  // The body is the longest known name there, before the person's own name.
  for (let last = person.last - 1; last >= first; last--) {
    const body = bodyNamed(sentence, tokens, first, last, ctx);
    if (!body) continue;
    const role = tokens
      .slice(person.first, end + 1)
      .map((t) => t.text)
      .join(" ");
    return {
      person,
      body: body.id,
      role: ctx.rules.headTitleRoles.get(foldInPlace(role)) ?? role,
      head: headEnd >= 0,
      first: person.first,
      last: person.last,
    };
  }
  return undefined;
}

/**
 * "Azerbaijani President Ilham Aliyev" when the alias "President Ilham Aliyev" took the title: the
 * state right before the person's own title.
 */
export function titleBefore(
  tokens: readonly Token[],
  person: Mention,
  mentions: readonly Mention[],
  ctx: MentionContext,
): TitleFact[] {
  const title = titleAt(tokens, person.first, ctx.rules);
  if (!title || title[0] >= person.last) return [];
  let end = person.first - 1;
  if (isPossessive(tokens[end])) end--;
  const body = mentions.find(
    (mention) =>
      mention.last === end &&
      mention.kind === "actor" &&
      mention.type !== "person" &&
      mention.type !== "group",
  );
  if (!body) return [];
  body.modifier = true;
  return [
    { person, body: body.entity, role: title[1], head: title[2], first: body.first, last: person.last },
  ];
}
