/**
 * Names that hold a phrase: an alias such as "Ministerial Council meeting in Tirana" or "Joint
 * Appeal by the Foreign Ministers of Armenia and Azerbaijan" names an event and, inside it, where it
 * happened or who made it. For each such event mention, a view of the sentence in which the event is
 * only the words before its first preposition and the names inside it are mentions of their own,
 * so the noun phrase rules read it like any other phrase.
 */
import { referentOf } from "./discourse.ts";
import type { Gazetteer } from "./gazetteer.ts";
import type { LinkIndex } from "./link-index.ts";
import { PLACE_PREPOSITIONS, placeForm } from "./mentions.ts";
import { viewOf, type SentenceView } from "./roles.ts";
import type { Mention, Sentence, Token } from "./types.ts";

const STRUCTURE = new Set(["by", "of", "in", "at", "along", "to", "between", "near", "on", "against"]);

/** A place the graph knows opening an event's name ("Brussels trilateral meeting"): its tokens. */
function leadingName(
  sentence: Sentence,
  tokens: readonly Token[],
  event: Mention,
  index: LinkIndex,
  gazetteer: Gazetteer,
): [number, number] | undefined {
  const from = tokens[event.first]!.start - sentence.start;
  // Not the last word: the whole name would match itself ("Brussels trilateral meeting").
  const to = tokens[event.last - 1]!.end - sentence.start;
  const match = gazetteer.find(sentence.text.slice(from, to))[0];
  if (!match || match.start !== 0) return undefined;
  const place = placeForm(match.forms, { index });
  const last = tokens.findIndex((token) => token.end === sentence.start + from + match.end);
  return place && last >= event.first && last < event.last ? [event.first, last] : undefined;
}

export function innerViews(
  sentence: Sentence,
  view: SentenceView,
  index: LinkIndex,
  gazetteer: Gazetteer,
): SentenceView[] {
  const views: SentenceView[] = [];
  const { tokens } = view;
  for (const event of view.mentions) {
    if (event.kind !== "event" || event.last === event.first || event.via === "reference") continue;
    // "Brussels trilateral meeting", "the Co-Chairs’ 24th September statement": the name opens with a
    // place or an owner; else a preposition inside it starts the phrase ("meeting in Tirana").
    const possessive = tokens.findIndex(
      (token, at) => at > event.first && at < event.last && (token.norm === "'s" || token.norm === "'"),
    );
    const prefix: [number, number] | undefined =
      possessive >= 0
        ? [event.first, possessive - 1]
        : leadingName(sentence, tokens, event, index, gazetteer);
    // A participle splits too: "ceasefire facilitated by Russia" is a ceasefire, and who facilitated it.
    const split = tokens.findIndex(
      (token, at) =>
        at > event.first &&
        at <= event.last &&
        (STRUCTURE.has(token.norm) || (token.pos === "VERB" && /ed$/.test(token.norm))),
    );
    if (split < 0 && !prefix) continue;
    const from = tokens[prefix ? event.first : split]!.start - sentence.start;
    const to = tokens[prefix ? prefix[1] : event.last]!.end - sentence.start;
    const inner: Mention[] = [];
    for (const match of gazetteer.find(sentence.text.slice(from, to))) {
      const first = tokens.findIndex((token) => token.start === sentence.start + from + match.start);
      const last = tokens.findIndex((token) => token.end === sentence.start + from + match.end);
      if (first < 0 || last < 0) continue;
      const afterPreposition = PLACE_PREPOSITIONS.has(tokens[first - 1]?.norm ?? "");
      const form =
        (afterPreposition ? placeForm(match.forms, { index }) : undefined) ??
        match.forms.find((f) => f.target.kind === "known");
      const target = form?.target;
      const entity = target?.kind === "known" ? index.entities.get(target.entity) : undefined;
      if (!entity || entity.kind === "event") continue;
      inner.push({
        first,
        last,
        entity: entity.id,
        kind: entity.kind,
        type: entity.type,
        via: form!.via,
        modifier: false,
        possessor: false,
      });
    }
    if (inner.length === 0) continue;
    const head: Mention = prefix
      ? { ...event, ...referentOf(event), first: prefix[1] + (possessive >= 0 ? 2 : 1) }
      : { ...event, ...referentOf(event), last: split - 1 };
    // An owner before "’s" reads as a possessor of the head ("Co-Chairs’ statement").
    if (possessive >= 0)
      for (const mention of inner) if (mention.last === possessive - 1) mention.possessor = true;
    const others = view.mentions.filter((mention) => mention !== event);
    views.push(
      viewOf(
        tokens,
        [...others, head, ...inner].sort((a, b) => a.first - b.first),
        view.headline,
      ),
    );
  }
  return views;
}
