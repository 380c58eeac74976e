/**
 * What the article has said so far, for words that point back: "both sides" and "the parties" are
 * the two actors last named together, "they" the last plural subject, "we" the article's speaker,
 * "the agreement" the agreement last named. Updated sentence by sentence, in reading order.
 */
import type { Mention } from "./types.ts";

/** An entity an argument stands for, whether named there or found by reference. */
export interface Referent {
  entity: string;
  kind: Mention["kind"];
  type: string;
  proposal?: Mention["proposal"];
  /** How the name was linked, when it was named. */
  via?: Mention["via"];
  /** The envoy whose words these are ("UK Deputy Ambassador Deirdre Brown encourages …"). */
  speaker?: Mention["speaker"];
}

export const referentOf = (mention: Mention): Referent => ({
  entity: mention.entity,
  kind: mention.kind,
  type: mention.type,
  via: mention.via,
  ...(mention.proposal ? { proposal: mention.proposal } : {}),
  ...(mention.speaker ? { speaker: mention.speaker } : {}),
});

export class Discourse {
  /** The actor whose statement the article is (an official text's author), when known. */
  speaker: Referent | null = null;
  /** The speaker came from the article's metadata or its "we", not from guessing at a subject. */
  speakerKnown = false;
  /** Who "the parties" are when the article has named no pair (the rules' defaultPair). */
  defaultPair: Referent[] = [];
  private lastPair: Referent[] | null = null;
  private lastPlural: Referent[] | null = null;
  private lastSingular: Referent | null = null;
  private lastPerson: Referent | null = null;
  private readonly events: Referent[] = [];
  /** People named so far, the latest last. */
  private readonly people: Referent[] = [];
  private readonly actorCounts = new Map<string, { referent: Referent; count: number }>();

  /** Records the mentions of a sentence, in order. */
  observeMentions(mentions: readonly Mention[]): void {
    for (const mention of mentions) {
      if (mention.modifier) continue;
      const referent = referentOf(mention);
      if (mention.kind === "event") {
        const at = this.events.findIndex((known) => known.entity === referent.entity);
        if (at >= 0) this.events.splice(at, 1);
        this.events.push(referent);
      } else if (mention.type === "person") {
        const at = this.people.findIndex((known) => known.entity === referent.entity);
        if (at >= 0) this.people.splice(at, 1);
        this.people.push(referent);
      } else if (mention.kind === "actor" && mention.type !== "group") {
        const counted = this.actorCounts.get(referent.entity);
        if (counted) counted.count++;
        else this.actorCounts.set(referent.entity, { referent, count: 1 });
      }
    }
  }

  /** Records a subject or object list that was found: the raw material of "they" and "both sides". */
  observeList(list: readonly Referent[]): void {
    const actors = list.filter((referent) => referent.kind === "actor");
    if (actors.length === 2 && actors[0]!.entity !== actors[1]!.entity) this.lastPair = [...actors];
    if (actors.length >= 2) this.lastPlural = [...actors];
    // "it" stands for a state or an organisation; people are "he" or "she", groups "they".
    if (actors.length === 1 && actors[0]!.type !== "group" && actors[0]!.type !== "person")
      this.lastSingular = actors[0]!;
    if (actors.length === 1 && actors[0]!.type === "person") this.lastPerson = actors[0]!;
    if (!this.speaker && actors.length === 1 && actors[0]!.type !== "person") this.speaker = actors[0]!;
  }

  /**
   * "both sides", "the parties": the rules' default pair (Armenia and Azerbaijan) when the article
   * names both, even when a third party was named with one of them just before; else the two states
   * the article names most, the last pair named together winning a tie.
   */
  pair(): Referent[] {
    // The rules' default pair (Armenia and Azerbaijan) when the article has named both.
    if (
      this.defaultPair.length === 2 &&
      this.defaultPair.every((party) => this.actorCounts.has(party.entity))
    )
      return this.defaultPair;
    const inPair = new Set((this.lastPair ?? []).map((referent) => referent.entity));
    // The speaker ("The UK encourages both sides") is never one of the two sides it addresses.
    const ranked = [...this.actorCounts.values()]
      .filter(({ referent }) => referent.type === "state" && referent.entity !== this.speaker?.entity)
      .map(({ referent, count }) => ({ referent, score: count + (inPair.has(referent.entity) ? 0.5 : 0) }))
      .sort((a, b) => b.score - a.score);
    if (ranked.length >= 2) return [ranked[0]!.referent, ranked[1]!.referent];
    return this.lastPair ?? this.defaultPair;
  }

  /** "the two leaders": the last two people named. */
  leaders(): Referent[] {
    return this.people.length >= 2 ? this.people.slice(-2) : [];
  }

  /** "they": the last plural subject, else the pair. */
  plural(): Referent[] {
    return this.lastPlural ?? this.pair();
  }

  /** "it": the last state or organisation that was a subject, else the speaker. */
  singular(): Referent | null {
    return this.lastSingular ?? this.speaker;
  }

  /** "he", "she": the last person that was a subject. */
  person(): Referent | null {
    return this.lastPerson;
  }

  /** "it" for a thing: the event last named of any of these types. */
  lastEvent(types: (type: string) => boolean): Referent | null {
    for (let i = this.events.length - 1; i >= 0; i--) if (types(this.events[i]!.type)) return this.events[i]!;
    return null;
  }

  /**
   * "the agreement": the event last named of the first type in `types` that has one ("this
   * development" is the joint statement before it is the peace agreement the statement mentions).
   */
  event(types: readonly string[]): Referent | null {
    for (const type of types)
      for (let i = this.events.length - 1; i >= 0; i--)
        if (this.events[i]!.type === type) return this.events[i]!;
    return null;
  }
}
