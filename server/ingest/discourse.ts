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
}

export const referentOf = (mention: Mention): Referent => ({
  entity: mention.entity,
  kind: mention.kind,
  type: mention.type,
  via: mention.via,
  ...(mention.proposal ? { proposal: mention.proposal } : {}),
});

export class Discourse {
  /** The actor whose statement the article is (an official text's author), when known. */
  speaker: Referent | null = null;
  private lastPair: Referent[] | null = null;
  private lastPlural: Referent[] | null = null;
  private lastSingular: Referent | null = null;
  private readonly events: Referent[] = [];
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
    if (actors.length === 1) this.lastSingular = actors[0]!;
    if (!this.speaker && actors.length === 1 && actors[0]!.type !== "person") this.speaker = actors[0]!;
  }

  /** "both sides", "the parties": the last two actors named together, else the two named most. */
  pair(): Referent[] {
    if (this.lastPair) return this.lastPair;
    const ranked = [...this.actorCounts.values()]
      .filter(({ referent }) => referent.type === "state")
      .sort((a, b) => b.count - a.count);
    return ranked.length >= 2 ? [ranked[0]!.referent, ranked[1]!.referent] : [];
  }

  /** "they": the last plural subject, else the pair. */
  plural(): Referent[] {
    return this.lastPlural ?? this.pair();
  }

  /** "it", "he", "she": the last single actor. */
  singular(): Referent | null {
    return this.lastSingular;
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
