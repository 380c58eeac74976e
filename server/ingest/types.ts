/**
 * The shapes that flow through ingestion: an article and its metadata in, candidate claims and
 * proposed entities out. Claims are in the graph-data JSON Lines claim form (graph-data/README.md),
 * so the writer appends them as they are and the loader reads them like any other claims.
 */
import type { Modality, NodeKind } from "../model/types.ts";

export type { Modality };

/** What the caller knows about the article. Anything unknown is null, never guessed. */
export interface ArticleMeta {
  id: string | null;
  url: string | null;
  /** Publication date, YYYY-MM-DD (or YYYY-MM, YYYY); dates in the text are resolved against it. */
  published: string | null;
  title: string | null;
  outlet: string | null;
  author: string | null;
  /** The day the article enters the graph, YYYY-MM-DD. */
  added: string;
}

/** A source line of sources/*.jsonl. */
export interface SourceRecord {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  author: string | null;
  language: string;
  added: string;
  note?: string;
}

export interface ClaimQualifiers {
  date?: string;
  count?: number;
  approximate?: boolean;
  event?: string;
  place?: string;
  role?: string;
}

/** One extracted claim, exactly as a line of claims/<source>.jsonl. */
export interface ExtractedClaim {
  id: string;
  source: string;
  subject: string;
  relation?: string;
  object?: string;
  property?: "date" | "count";
  value?: string | number;
  quote: string;
  /** UTF-16 offset of the quote in the article text. */
  start: number;
  confidence: number;
  status: "extracted";
  modality?: Exclude<Modality, "asserted">;
  attributedTo?: string;
  rule: string;
  qualifiers?: ClaimQualifiers;
}

/** An actor or event the graph does not know: proposed for review, never linked by guesswork. */
export interface ProposedEntity {
  id: string;
  label: string;
  type: string;
  aliases?: string[];
  description: string;
  status: "extracted";
}

/** What a reader of the result needs beside each claim: its codes and how it was found. */
export interface ClaimNotes {
  claimId: string;
  cameo: string | null;
  cameoLabel: string | null;
  plover: string | null;
  goldstein: number | null;
  /** Why the claim has the date it has, or that the text gives none. */
  dateNote: string;
  /** The existing relation this claim joins as another source, when there is one. */
  joins: string | null;
}

export interface ExtractionSummary {
  claims: number;
  byRelation: Record<string, number>;
  linked: string[];
  proposed: string[];
  joined: number;
  undated: number;
  ms: number;
}

export interface ExtractionResult {
  source: SourceRecord;
  text: string;
  claims: ExtractedClaim[];
  entities: ProposedEntity[];
  notes: ClaimNotes[];
  summary: ExtractionSummary;
}

/** A sentence (or a headline line) with its place in the article. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** A short line without closing punctuation: a headline, often in Title Case. */
  headline: boolean;
  /** On the article's first non-blank line. */
  first?: boolean;
}

export interface Token {
  /** Offsets in the article text. */
  start: number;
  end: number;
  text: string;
  /** Lower case, accents folded, curly apostrophes straightened. */
  norm: string;
  pos: string;
  lemma: string;
  negated: boolean;
}

/** How a mention was tied to its entity. */
export type LinkVia =
  "label" | "alias" | "demonym" | "capital" | "office" | "title" | "proposed" | "reference";

/** A stretch of a sentence that names an entity (or proposes one). */
export interface Mention {
  /** Token range [first, last] in the sentence's tokens. */
  first: number;
  last: number;
  entity: string;
  kind: NodeKind;
  type: string;
  via: LinkVia;
  /** A demonym used as an adjective ("Armenian villages"): it modifies, it is not an argument. */
  modifier: boolean;
  /** Followed by a possessive ("Armenia’s candidacy"): it owns the next noun, it is not an argument. */
  possessor: boolean;
  /** For an entity the graph does not know: what to propose. */
  proposal?: { label: string; type: string; aliases: string[] };
  /** An envoy or spokesperson speaking for the state this mention stands for ("UK Ambassador X"). */
  speaker?: { entity: string; kind: NodeKind; type: string; proposal?: Mention["proposal"] };
  /**
   * The name matched only events dated after the article ("the joint statement" in a 2020 text):
   * the event nouns pass may still find the one it means by date; else the proposal stands.
   */
  datedOut?: boolean;
}

/**
 * "Armenian Prime Minister Nikol Pashinyan": the person leads the body (a head title), or belongs
 * to it ("Armenian Foreign Minister Ararat Mirzoyan"), with the title as role.
 */
export interface TitleFact {
  person: Mention;
  body: string;
  role: string;
  head: boolean;
  /** Token range of the whole phrase. */
  first: number;
  last: number;
}
