/**
 * Actor and event linking in one sentence: the names the gazetteer finds, then what surrounds them.
 * "the Armenian Foreign Ministry" and "the Ministry of Foreign Affairs of Türkiye" stand for their
 * state; "Azerbaijani President Ilham Aliyev" is Aliyev, who leads Azerbaijan; "Armenian soldiers"
 * are people, not the state; an unknown name ending in "Declaration" is a proposed declaration.
 */
import type { Mention, Sentence, TitleFact, Token } from "./types.ts";
import {
  isCapitalised,
  isInitials,
  isPossessive,
  proposed,
  titleAt,
  unknownNameAfter,
  type MentionContext,
} from "./mention-parts.ts";
import { nameMentions } from "./name-mentions.ts";
import { officePhrase, titleBefore, titlesInside } from "./offices.ts";

export type { MentionContext } from "./mention-parts.ts";
export { PLACE_PREPOSITIONS, placeForm } from "./mention-parts.ts";

export interface SentenceMentions {
  mentions: Mention[];
  titles: TitleFact[];
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
