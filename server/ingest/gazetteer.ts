/**
 * Names to entities: every label and alias in the link index, plus the states and organisations of
 * the extraction rules (with their demonyms and capitals). A name the graph does not know but the
 * rules do ("Georgia") points to a proposal, not to a wrong entity. Matching runs over folded text
 * (accents off, apostrophes straightened) and keeps the longest name at each place.
 */
import { foldInPlace, slugify } from "./fold.ts";
import type { IndexedEntity, LinkIndex } from "./link-index.ts";
import type { ExtractionRules } from "./rules-file.ts";
import type { LinkVia } from "./types.ts";

/** What a name stands for: an entity of the graph, or one to propose. */
export type Target =
  | { kind: "known"; entity: string }
  | { kind: "proposal"; id: string; label: string; type: string; aliases: string[] };

export interface SurfaceForm {
  folded: string;
  target: Target;
  via: LinkVia;
  /** "exact": an acronym, matched in capitals only; "initial": a name, matched only when capitalised. */
  letterCase: "exact" | "initial" | "any";
}

export interface NameMatch {
  /** Offsets in the text that was searched. */
  start: number;
  end: number;
  /** Every form of that length there: one name may stand for several entities ("joint statement"). */
  forms: SurfaceForm[];
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

function letterCaseOf(name: string): SurfaceForm["letterCase"] {
  if (/^[\p{Lu}\d]{2,6}$/u.test(name)) return "exact";
  return /^\p{Lu}/u.test(name) ? "initial" : "any";
}

/** The first word of folded text: the key forms are filed under. */
const firstWord = (folded: string) => /^[\p{L}\p{N}]+/u.exec(folded)?.[0] ?? "";

export class Gazetteer {
  private readonly byFirstWord = new Map<string, SurfaceForm[]>();
  /** Forms already filed, as "folded\ttarget": a hundred thousand names, so no linear search. */
  private readonly filed = new Set<string>();
  /** Proposals by id, so a state named twice is proposed once. */
  readonly proposals = new Map<string, Extract<Target, { kind: "proposal" }>>();

  add(name: string, target: Target, via: LinkVia): void {
    const trimmed = name.trim();
    if (trimmed.length < 2) return;
    const variants = [trimmed];
    // "US" is also written "U.S."
    if (/^\p{Lu}{2,4}$/u.test(trimmed)) variants.push(`${[...trimmed].join(".")}.`);
    for (const variant of variants) {
      const folded = foldInPlace(variant);
      const key = firstWord(folded);
      if (!key) continue;
      const letterCase = letterCaseOf(variant);
      // A label "Dissolution of the Soviet Union" and an alias "dissolution of the Soviet Union"
      // differ in the letter case they ask for: both are filed.
      const filedAs = `${folded}\t${letterCase}\t${target.kind === "known" ? target.entity : `proposal:${target.id}`}`;
      if (this.filed.has(filedAs)) continue;
      this.filed.add(filedAs);
      const form: SurfaceForm = { folded, target, via, letterCase };
      const list = this.byFirstWord.get(key);
      if (list) list.push(form);
      else this.byFirstWord.set(key, [form]);
    }
  }

  /** The longest names in `text`, left to right, not overlapping. `folded` is foldInPlace(text). */
  find(text: string, folded = foldInPlace(text)): NameMatch[] {
    const found: NameMatch[] = [];
    let at = 0;
    while (at < folded.length) {
      if (!isWordChar(folded[at]) || isWordChar(folded[at - 1])) {
        at++;
        continue;
      }
      let best = this.longestAt(text, folded, at);
      // "the Co-Chairs’ 24th September statement": a longer name starting inside the one found
      // ("the Co-Chairs") wins over it.
      for (let inner = at + 1; best && inner < best.end; inner++) {
        if (!isWordChar(folded[inner]) || isWordChar(folded[inner - 1])) continue;
        const longer = this.longestAt(text, folded, inner);
        if (longer && longer.end > best.end && longer.end - longer.start > best.end - best.start)
          best = longer;
      }
      if (best) {
        found.push(best);
        at = best.end;
      } else at += firstWord(folded.slice(at, at + 40)).length || 1;
    }
    return found;
  }

  /** The longest names starting at `at`, or undefined. */
  private longestAt(text: string, folded: string, at: number): NameMatch | undefined {
    const key = firstWord(folded.slice(at, at + 40));
    let best: NameMatch | undefined;
    for (const form of this.byFirstWord.get(key) ?? []) {
      const end = at + form.folded.length;
      if (best && end < best.end) continue;
      if (!folded.startsWith(form.folded, at)) continue;
      // A name ends at a word boundary; "U.S." ends with its own full stop.
      if (isWordChar(folded[end]) && isWordChar(folded[end - 1])) continue;
      if (!caseFits(form, text, at, end)) continue;
      if (best && end === best.end) best.forms.push(form);
      else best = { start: at, end, forms: [form] };
    }
    return best;
  }

  /** Every form of one target, for tests and for the proposals' aliases. */
  formsOf(predicate: (form: SurfaceForm) => boolean): SurfaceForm[] {
    return [...this.byFirstWord.values()].flat().filter(predicate);
  }
}

function caseFits(form: SurfaceForm, text: string, start: number, end: number): boolean {
  if (form.letterCase === "any") return true;
  if (form.letterCase === "initial") return /\p{Lu}/u.test(text[start] ?? "");
  return (
    text.slice(start, end).replace(/\./g, "") === text.slice(start, end).replace(/\./g, "").toUpperCase()
  );
}

/** Demonyms, from the rules' states: a single-word alias that is one is linked as a demonym. */
function demonymsOf(rules: ExtractionRules): Set<string> {
  return new Set(rules.linking.states.flatMap(([, demonyms]) => demonyms.map(foldInPlace)));
}

/**
 * Builds the gazetteer of a link index and the rules' own states and organisations. `entities`
 * narrows it to those an article can name (LinkIndex.entitiesNamedFrom); the rules' states still
 * find the graph's own entity for them through the index's names.
 */
export function buildGazetteer(
  index: LinkIndex,
  rules: ExtractionRules,
  entities: Iterable<IndexedEntity> = index.entities.values(),
): Gazetteer {
  const gazetteer = new Gazetteer();
  const demonyms = demonymsOf(rules);
  const capitals = new Set(
    rules.linking.states
      .map(([, , capital]) => capital)
      .filter((c): c is string => c !== null)
      .map(foldInPlace),
  );
  for (const entity of entities) {
    const known: Target = { kind: "known", entity: entity.id };
    gazetteer.add(entity.label, known, "label");
    for (const alias of entity.aliases) {
      const folded = foldInPlace(alias);
      const via: LinkVia = demonyms.has(folded) ? "demonym" : capitals.has(folded) ? "capital" : "alias";
      gazetteer.add(alias, known, via);
    }
  }
  const targetFor = (names: string[], type: string, aliases: string[]): Target => {
    for (const name of names) {
      const known = index.entitiesNamed(name).find((entity) => entity.type === type);
      if (known) return { kind: "known", entity: known.id };
    }
    const label = names[0]!;
    let id = slugify(label);
    while (index.entities.has(id)) id = `${id}-proposed`;
    const proposal = { kind: "proposal" as const, id, label, type, aliases };
    gazetteer.proposals.set(id, proposal);
    return proposal;
  };
  for (const [name, stateDemonyms, capital, others] of rules.linking.states) {
    const aliases = [...others, ...stateDemonyms, ...(capital ? [capital] : [])];
    const target = targetFor([name, ...others], "state", aliases);
    for (const label of [name, ...others]) gazetteer.add(label, target, "label");
    for (const demonym of stateDemonyms) gazetteer.add(demonym, target, "demonym");
    // A capital stands for a government the graph knows ("Baku said"); for a state it does not know,
    // "Vienna" is far more often the place of a meeting than a new actor.
    if (target.kind === "known") {
      if (capital) gazetteer.add(capital, target, "capital");
      for (const seat of rules.linking.seats[name] ?? []) gazetteer.add(seat, target, "capital");
    }
  }
  for (const [name, type, others] of rules.linking.organisations) {
    const target = targetFor([name, ...others], type, others);
    for (const label of [name, ...others]) gazetteer.add(label, target, "label");
  }
  return gazetteer;
}
