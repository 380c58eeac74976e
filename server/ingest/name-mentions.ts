/**
 * The names the gazetteer finds in a sentence, placed on its tokens; when a name stands for several
 * entities, the one the article can mean (by the calendar, and by a preposition of place).
 */
import { parseDate } from "../model/dates.ts";
import type { SurfaceForm, Target } from "./gazetteer.ts";
import type { Mention, Sentence, Token } from "./types.ts";
import { mentionOf, PLACE_PREPOSITIONS, placeForm, slugOf, type MentionContext } from "./mention-parts.ts";

/** The first day an event's known date covers, or undefined. */
export function eventStart(ctx: MentionContext, entity: string): string | undefined {
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
export function chooseTarget(
  forms: SurfaceForm[],
  text: string,
  ctx: MentionContext,
): [Target, Mention["via"]] {
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

/** The names the gazetteer finds, on token boundaries; adjacent names of one entity become one. */
export function nameMentions(sentence: Sentence, tokens: readonly Token[], ctx: MentionContext): Mention[] {
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
