/**
 * Actor and event linking in one sentence: the names the gazetteer finds, then what surrounds them.
 * "the Armenian Foreign Ministry" and "the Ministry of Foreign Affairs of Türkiye" stand for their
 * state; "Azerbaijani President Ilham Aliyev" is Aliyev, who leads Azerbaijan; "Armenian soldiers"
 * are people, not the state; an unknown name ending in "Declaration" is a proposed declaration.
 */
import type { CompiledRules } from "./compiled-rules.ts";
import { foldInPlace } from "./fold.ts";
import { parseDate } from "../model/dates.ts";
import type { Gazetteer, SurfaceForm, Target } from "./gazetteer.ts";
import type { LinkIndex } from "./link-index.ts";
import type { Mention, Sentence, TitleFact, Token } from "./types.ts";

export interface MentionContext {
  gazetteer: Gazetteer;
  index: LinkIndex;
  rules: CompiledRules;
  /** The article's publication date, YYYY-MM-DD or shorter; null when unknown. */
  published: string | null;
}

export interface SentenceMentions {
  mentions: Mention[];
  titles: TitleFact[];
}

/** "’s", or a lone apostrophe right after a word ending in s ("the Co-Chairs’ statement"). */
const isPossessive = (token: Token | undefined, before?: Token) =>
  token !== undefined &&
  (token.norm === "'s" || token.norm === "'") &&
  (token.pos === "PART" || (before !== undefined && before.end === token.start && /s$/i.test(before.text)));
const isCapitalised = (token: Token | undefined) => token !== undefined && /^\p{Lu}/u.test(token.text);
/** Initials such as "N.V." or "J." before a surname. */
const isInitials = (token: Token | undefined) => token !== undefined && /^(?:\p{Lu}\.)+$/u.test(token.text);

function mentionOf(
  target: Target,
  first: number,
  last: number,
  ctx: MentionContext,
  via: Mention["via"],
): Mention | undefined {
  if (target.kind === "known") {
    const entity = ctx.index.entities.get(target.entity);
    if (!entity) return undefined;
    return {
      first,
      last,
      entity: entity.id,
      kind: entity.kind,
      type: entity.type,
      via,
      modifier: false,
      possessor: false,
    };
  }
  const kind = ctx.index.nodeKinds.get(target.type);
  if (!kind) return undefined;
  return {
    first,
    last,
    entity: target.id,
    kind,
    type: target.type,
    via: "proposed",
    modifier: false,
    possessor: false,
    proposal: { label: target.label, type: target.type, aliases: target.aliases },
  };
}

function proposed(
  first: number,
  last: number,
  label: string,
  type: string,
  ctx: MentionContext,
  aliases: string[] = [],
): Mention | undefined {
  const id = slugOf(label);
  const known = ctx.index.entities.get(id);
  if (known) return mentionOf({ kind: "known", entity: id }, first, last, ctx, "label");
  return mentionOf({ kind: "proposal", id, label, type, aliases }, first, last, ctx, "proposed");
}

const slugOf = (label: string) =>
  foldInPlace(label)
    .replace(/'s\b/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join("-");

/** The names the gazetteer finds, on token boundaries; adjacent names of one entity become one. */
function nameMentions(sentence: Sentence, tokens: readonly Token[], ctx: MentionContext): Mention[] {
  const byStart = new Map<number, number>();
  const byEnd = new Map<number, number>();
  tokens.forEach((token, i) => {
    byStart.set(token.start - sentence.start, i);
    byEnd.set(token.end - sentence.start, i);
  });
  const mentions: Mention[] = [];
  for (const match of ctx.gazetteer.find(sentence.text)) {
    const first = byStart.get(match.start);
    const last = byEnd.get(match.end);
    if (first === undefined || last === undefined) continue;
    const text = sentence.text.slice(match.start, match.end);
    const [chosen, chosenVia] = chooseTarget(match.forms, text, ctx);
    // "hosting COP29 in Baku": after a preposition of place, a name that is also a city is the city.
    const place = PLACE_PREPOSITIONS.has(tokens[first - 1]?.norm ?? "")
      ? placeForm(match.forms, ctx)
      : undefined;
    const [target, via] = place ? [place.target, place.via] : [chosen, chosenVia];
    const mention = mentionOf(target, first, last, ctx, via);
    if (mention && via === "proposed" && match.forms.some((form) => form.target.kind === "known"))
      mention.datedOut = true;
    if (!mention) continue;
    const previous = mentions.at(-1);
    // "Armenian Prime Minister" + "Nikol Pashinyan": both name Pashinyan.
    if (previous && previous.entity === mention.entity && previous.last + 1 === first) previous.last = last;
    else mentions.push(mention);
  }
  return mentions;
}

export const PLACE_PREPOSITIONS = new Set([
  "in",
  "at",
  "to",
  "into",
  "from",
  "near",
  "along",
  "inside",
  "within",
  "across",
  "towards",
  "toward",
]);

/** The form of a name that is a place the graph knows, when there is one. */
export function placeForm(forms: readonly SurfaceForm[], ctx: { index: LinkIndex }): SurfaceForm | undefined {
  return forms.find(
    (form) => form.target.kind === "known" && ctx.index.entities.get(form.target.entity)?.kind === "place",
  );
}

/** The first day an event's known date covers, or undefined. */
function eventStart(ctx: MentionContext, entity: string): string | undefined {
  // The earliest any source gives: an event is ruled out only if every source dates it later.
  const starts = (ctx.index.eventDates.get(entity) ?? [])
    .map((date) => parseDate(date))
    .flatMap((parsed) => (typeof parsed === "string" ? [] : [parsed.start]));
  return starts.length === 0 ? undefined : starts.sort()[0];
}

/**
 * Which entity a name stands for when several share it. An event the graph dates after the
 * article's publication cannot be the one it reports: "the joint statement" of a 2020 article is
 * not the statement of December 2023. When every event of that name is ruled out so, the name is a
 * new event, proposed with the type of the one it resembles.
 */
function chooseTarget(forms: SurfaceForm[], text: string, ctx: MentionContext): [Target, Mention["via"]] {
  const known = forms.filter((form) => form.target.kind === "known");
  if (known.length === 0) return [forms[0]!.target, forms[0]!.via];
  const published = ctx.published === null ? undefined : parseDate(ctx.published);
  if (published === undefined || typeof published === "string") return [known[0]!.target, known[0]!.via];
  const dated = known.map((form) => {
    const entity = (form.target as { entity: string }).entity;
    return {
      form,
      start: ctx.index.entities.get(entity)?.kind === "event" ? eventStart(ctx, entity) : undefined,
    };
  });
  const possible = dated.filter(({ start }) => start === undefined || start <= published.end);
  if (possible.length > 0) {
    // The latest event dated before publication is the one a report speaks of; undated ones last.
    possible.sort((a, b) => (b.start ?? "").localeCompare(a.start ?? ""));
    return [possible[0]!.form.target, possible[0]!.form.via];
  }
  const resembled = ctx.index.entities.get((dated[0]!.form.target as { entity: string }).entity)!;
  const label = text.replace(/^the\s+/i, "");
  const id = `${slugOf(label)}-${published.text.slice(0, 7)}`;
  return [
    {
      kind: "proposal",
      id,
      label: `${label} (${published.text.slice(0, 7)})`,
      type: resembled.type,
      aliases: [],
    },
    "proposed",
  ];
}

/** After `at`: initials and a capitalised name of one to three words that no mention covers. */
function unknownNameAfter(tokens: readonly Token[], at: number, taken: ReadonlySet<number>): number {
  let end = at;
  let words = 0;
  while (end + 1 < tokens.length && words < 3) {
    const next = tokens[end + 1]!;
    if (taken.has(end + 1) || !(isCapitalised(next) || isInitials(next)) || !/^\p{L}/u.test(next.text)) break;
    if (!isInitials(next)) words++;
    end++;
  }
  return words > 0 ? end : -1;
}

/** Past initials and honorifics before a name ("N.V.", "H.E. Mr."), from `at`. */
function pastNamePrefixes(
  tokens: readonly Token[],
  at: number,
  rules: CompiledRules,
  stopAt?: ReadonlyMap<number, Mention>,
): number {
  let next = at;
  for (;;) {
    if (stopAt?.has(next)) return next;
    if (isInitials(tokens[next])) next++;
    else {
      const honorific = rules.honorifics.matchAt(tokens, next);
      if (honorific < 0) return next;
      next = honorific + 1;
    }
  }
}

/** The title phrase (head title or other) at `at`: [last token, role, head?] or undefined. */
function titleAt(
  tokens: readonly Token[],
  at: number,
  rules: CompiledRules,
): [number, string, boolean] | undefined {
  const head = rules.headTitles.matchAt(tokens, at);
  if (head >= 0) {
    const role = tokens
      .slice(at, head + 1)
      .map((t) => t.text)
      .join(" ");
    return [head, rules.headTitleRoles.get(foldInPlace(role)) ?? role, true];
  }
  const other = rules.titles.matchAt(tokens, at);
  return other >= 0
    ? [
        other,
        tokens
          .slice(at, other + 1)
          .map((t) => t.text)
          .join(" "),
        false,
      ]
    : undefined;
}

/** Where an office phrase sits: its title or office words, and where a person's name may follow. */
interface OfficeSpan {
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
function officePhrase(
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
  const nameEnd = title ? unknownNameAfter(tokens, nameAfter, taken) : -1;
  if (title && nameEnd >= 0) {
    const name = tokens
      .slice(nameAfter + 1, nameEnd + 1)
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
function envoyPhrase(
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

/** Finds the mentions of one sentence and the title facts they carry. */
export function findMentions(
  sentence: Sentence,
  tokens: readonly Token[],
  ctx: MentionContext,
): SentenceMentions {
  const names = nameMentions(sentence, tokens, ctx);
  const titles: TitleFact[] = [];
  const taken = new Set<number>();
  for (const mention of names) for (let i = mention.first; i <= mention.last; i++) taken.add(i);
  const byFirst = new Map(names.map((mention) => [mention.first, mention]));
  const result: Mention[] = [];
  const rules = ctx.rules;

  for (let m = 0; m < names.length; m++) {
    const mention = names[m]!;
    if (result.some((kept) => kept.first <= mention.first && mention.last <= kept.last)) continue;
    const isStateLike = mention.kind === "actor" && mention.type !== "person" && mention.type !== "group";
    // "<state>('s) <office>"
    let after = mention.last + 1;
    if (isPossessive(tokens[after])) after++;
    const officeEnd = isStateLike
      ? Math.max(rules.offices.matchAt(tokens, after), titleAt(tokens, after, rules)?.[0] ?? -1)
      : -1;
    if (officeEnd >= 0 && !taken.has(after)) {
      const span = { first: mention.first, officeAt: after, officeEnd, nameAfter: officeEnd };
      const stands = officePhrase(mention, tokens, span, ctx, taken, byFirst, titles);
      if (stands) result.push(stands);
      continue;
    }
    // "<office> of (the) <state>": the office was not a name, so it sits just before "of".
    if (isStateLike) {
      let of = mention.first - 1;
      // "President of the breakaway Republic of Artsakh": modifiers between "of the" and the name.
      while (
        of > 0 &&
        (tokens[of]!.pos === "ADJ" || (tokens[of]!.pos === "NOUN" && tokens[of - 1]?.norm === "the"))
      )
        of--;
      if (tokens[of]?.norm === "the") of--;
      if (tokens[of]?.norm === "of") {
        const officeFirst = Math.max(rules.offices.matchEndingAt(tokens, of - 1), -1);
        const titleFirst = rules.headTitles.matchEndingAt(tokens, of - 1);
        const first = titleFirst >= 0 ? titleFirst : officeFirst;
        if (first >= 0 && !taken.has(first)) {
          let start = first;
          if (tokens[start - 1]?.norm === "the") start--;
          const span = { first: start, officeAt: first, officeEnd: of - 1, nameAfter: mention.last };
          const stands = officePhrase(mention, tokens, span, ctx, taken, byFirst, titles);
          if (stands) result.push(stands);
          continue;
        }
      }
    }
    if (mention.via === "demonym") {
      const people = rules.peopleNouns.matchAt(tokens, mention.last + 1);
      if (people >= 0 && !taken.has(mention.last + 1)) {
        const label = tokens
          .slice(mention.first, people + 1)
          .map((t) => t.text)
          .join(" ");
        const group = proposed(mention.first, people, label, "group", ctx);
        if (group) result.push(group);
        continue;
      }
      const next = tokens[mention.last + 1];
      mention.modifier =
        next !== undefined && /^\p{L}/u.test(next.text) && next.pos !== "VERB" && next.pos !== "AUX";
    }
    result.push(mention);
  }
  for (const mention of result) {
    mention.possessor = isPossessive(tokens[mention.last + 1], tokens[mention.last]);
    // "U.S.-supported effort": a name in a compound adjective qualifies, it is not an argument.
    const hyphen = tokens[mention.last + 1];
    const word = tokens[mention.last + 2];
    if (hyphen?.text === "-" && hyphen.start === tokens[mention.last]!.end && word?.start === hyphen.end)
      mention.modifier = true;
  }
  for (const mention of result)
    if (mention.type === "person") titles.push(...titlesInside(sentence, tokens, mention, ctx));
  for (const mention of result)
    if (mention.type === "person") titles.push(...titleBefore(tokens, mention, result, ctx));
  if (!sentence.headline) result.push(...unknownNames(tokens, result, ctx));
  result.sort((a, b) => a.first - b.first);
  return { mentions: result, titles };
}

/**
 * A person named by an alias that is itself a title phrase ("Armenian Prime Minister",
 * "Azerbaijan's President Ilham Aliyev"): the title still says whom they lead.
 */
function titlesInside(
  sentence: Sentence,
  tokens: readonly Token[],
  person: Mention,
  ctx: MentionContext,
): TitleFact[] {
  for (let at = person.first + 1; at <= person.last; at++) {
    // A head title says whom they lead; another ("Armenian Foreign Minister Mirzoyan") where they belong.
    const headEnd = ctx.rules.headTitles.matchAt(tokens, at);
    const otherEnd = headEnd < 0 ? ctx.rules.titles.matchAt(tokens, at) : -1;
    const head = Math.max(headEnd, otherEnd);
    if (head < 0 || head >= person.last) continue;
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

/**
 * "Azerbaijani President Ilham Aliyev" when the alias "President Ilham Aliyev" took the title: the
 * state right before the person's own title.
 */
function titleBefore(
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

/** Capitalised names the graph does not know: after a title a person, with a known head word its type. */
function unknownNames(tokens: readonly Token[], known: readonly Mention[], ctx: MentionContext): Mention[] {
  const covered = new Set<number>();
  for (const mention of known) for (let i = mention.first; i <= mention.last; i++) covered.add(i);
  const found: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (covered.has(i)) continue;
    const title = titleAt(tokens, i, ctx.rules);
    if (title && isCapitalised(tokens[i])) {
      const end = unknownNameAfter(tokens, title[0], covered);
      if (end >= 0) {
        const name = tokens
          .slice(title[0] + 1, end + 1)
          .filter((t) => !isInitials(t))
          .map((t) => t.text)
          .join(" ");
        const person = proposed(i, end, name, "person", ctx);
        if (person) found.push(person);
        for (let j = i; j <= end; j++) covered.add(j);
        i = end;
        continue;
      }
    }
    // A run of capitalised words (with "of", "the", "for", "and" inside) ending in a known head word.
    if (!isCapitalised(tokens[i]) || i === 0) continue;
    let end = i;
    while (end + 1 < tokens.length && !covered.has(end + 1)) {
      const next = tokens[end + 1]!;
      if (isCapitalised(next) && /^\p{L}/u.test(next.text)) end++;
      else if (["of", "the", "for", "and", "on"].includes(next.norm) && isCapitalised(tokens[end + 2])) end++;
      else break;
    }
    const type = ctx.rules.nameHeads.get(tokens[end]!.norm);
    if (type && end > i) {
      const label = tokens
        .slice(i, end + 1)
        .map((t) => t.text)
        .join(" ");
      const mention = proposed(i, end, label, type, ctx);
      if (mention) found.push(mention);
    }
    i = end;
  }
  return found;
}
