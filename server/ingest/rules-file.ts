/**
 * Reads graph-data/vocabulary/extraction-rules.yaml into typed rules, checking its shape and that
 * every rule names a relation type that exists. A problem is one line: file, rule, reason.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const MODALITIES = ["asserted", "announced", "hedged", "negated"] as const;
const words = z.array(z.string().min(1));
const confidence = z.number().min(0).max(1);

const verbRuleSchema = z.strictObject({
  relation: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  verbs: words.min(1),
  passive: z.boolean().default(false),
  mutual: z.boolean().default(false),
  /** The phrase names its object first: "the delegation includes X" is X MEMBER_OF the delegation. */
  reverse: z.boolean().default(false),
  /**
   * The claim runs from the phrase's object to its subject: "Armenia was engaged in a conflict" is
   * the conflict INVOLVED Armenia; "the exodus following the offensive" is the offensive PRECEDED it.
   */
  inverse: z.boolean().default(false),
  /** "encourage collaboration between A, B and C": the parties of a "between" after the verb are its objects. */
  partiesOfBetween: z.boolean().default(false),
  /** The phrase need not start with a verb ("in their capacity as"). */
  anyWord: z.boolean().default(false),
  /** The act starts its event ("launched an offensive in 2020"): the event's date is open at the end. */
  startsEvent: z.boolean().default(false),
  /** Only an owner read through an abstract noun ("the assistance offered by X") is the object. */
  ownersOnly: z.boolean().default(false),
  subject: words.min(1),
  object: words.min(1),
  objectAfter: words.default([]),
  modalities: z.array(z.enum(MODALITIES)).default([...MODALITIES]),
  confidence: z.number().min(0).max(1),
});

const NOMINAL_PLACES = ["possessor", "by", "of", "to", "into", "on", "against", "from", "with"] as const;
const nominalSchema = z.strictObject({
  relation: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  nouns: words.min(1),
  subjectAt: z.array(z.enum(NOMINAL_PLACES)).min(1),
  objectAt: z.array(z.enum(NOMINAL_PLACES)).min(1),
  subject: words.min(1),
  object: words.min(1),
  confidence,
});

const stateSchema = z.tuple([z.string(), words, z.string().nullable(), words]);
const organisationSchema = z.tuple([z.string(), z.string(), words]);

export const rulesFileSchema = z.strictObject({
  segmentation: z.strictObject({
    abbreviations: words,
    maxHeadlineWords: z.number().int().positive(),
  }),
  irregular: z.record(z.string(), words),
  linking: z.strictObject({
    states: z.array(stateSchema),
    seats: z.record(z.string(), words),
    organisations: z.array(organisationSchema),
    offices: words,
    forces: words,
    headTitles: words,
    titles: words,
    envoyTitles: words,
    peopleNouns: words,
    pairPhrases: words,
    leaderPhrases: words,
    honorifics: words,
    eventAnaphora: z.record(z.string(), words),
    actorNouns: words,
    defaultPair: words,
    nameHeads: z.record(z.string(), z.string()),
  }),
  attribution: z.strictObject({
    speechVerbs: words,
    accordingTo: words,
    firstPerson: words,
  }),
  obligations: z.strictObject({ relation: z.string(), phrases: words, confidence }),
  modality: z.strictObject({ announced: words, hedged: words, negated: words }),
  counts: z.strictObject({ approximate: words, countable: words }),
  rules: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/, "rule ids are lower-case words joined by hyphens"),
    verbRuleSchema,
  ),
  nominals: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), nominalSchema),
  phrases: z.strictObject({
    between: z.array(
      z.strictObject({
        event: words,
        relation: z.string(),
        direction: z.enum(["actor-to-event", "event-to-actor", "mutual"]),
        confidence,
      }),
    ),
    betweenNouns: z.strictObject({ nouns: words, relation: z.string(), confidence }),
    agents: z.array(
      z.strictObject({
        event: words,
        relation: z.string(),
        direction: z.enum(["actor-to-event", "event-to-actor"]).default("actor-to-event"),
        markers: z.array(z.enum(["of", "by", "with"])).default(["of", "by"]),
        confidence,
      }),
    ),
    /** "In a joint statement released on …, Armenia and Azerbaijan announced …": who issued it. */
    statementFrame: z.strictObject({ event: words, relation: z.string(), confidence }),
    /** "Azerbaijan launched an offensive against Artsakh": who starts an attack on X attacked X. */
    attackers: z.strictObject({ relation: z.string(), confidence }),
    places: z.strictObject({ prepositions: words, event: words, relation: z.string(), confidence }),
    targets: z.strictObject({ prepositions: words, event: words, relation: z.string(), confidence }),
    leads: z.strictObject({ relation: z.string(), confidence }),
    members: z.strictObject({ relation: z.string(), confidence }),
    forces: z.strictObject({ relation: z.string(), confidence }),
    eventDate: z.strictObject({ confidence }),
  }),
});

export type ExtractionRules = z.output<typeof rulesFileSchema>;
export type VerbRule = z.output<typeof verbRuleSchema> & { id: string };
export type NominalRule = z.output<typeof nominalSchema>;

export const RULES_FILE = path.join("vocabulary", "extraction-rules.yaml");

/** The project's own rules, for a graph-data folder that has none (a generated one). */
const PROJECT_RULES = path.resolve(import.meta.dirname, "..", "..", "graph-data", RULES_FILE);

/**
 * The rules of a graph-data folder, or the project's when the folder has no rules file; throws one
 * message listing every problem.
 */
export async function readExtractionRules(
  dataDir: string,
  relationTypes: ReadonlySet<string>,
): Promise<ExtractionRules> {
  const own = path.join(dataDir, RULES_FILE);
  const file = existsSync(own) ? own : PROJECT_RULES;
  let raw: unknown;
  try {
    raw = parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
  return checkRules(raw, relationTypes, file);
}

/** Checks parsed rules; exported for tests that feed rules directly. */
export function checkRules(
  raw: unknown,
  relationTypes: ReadonlySet<string>,
  file = RULES_FILE,
): ExtractionRules {
  const parsed = rulesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${file} ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(lines.join("\n"));
  }
  const rules = parsed.data;
  const phrases = rules.phrases;
  const unknown = [
    ...Object.entries(rules.rules).map(([id, rule]) => [`rules.${id}`, rule.relation] as const),
    ...Object.entries(rules.nominals).map(([id, rule]) => [`nominals.${id}`, rule.relation] as const),
    ...phrases.between.map((phrase, i) => [`phrases.between.${i}`, phrase.relation] as const),
    ...phrases.agents.map((phrase, i) => [`phrases.agents.${i}`, phrase.relation] as const),
    ["phrases.statementFrame", phrases.statementFrame.relation] as const,
    ["phrases.attackers", phrases.attackers.relation] as const,
    ["phrases.betweenNouns", phrases.betweenNouns.relation] as const,
    ["phrases.places", phrases.places.relation] as const,
    ["phrases.targets", phrases.targets.relation] as const,
    ["phrases.leads", phrases.leads.relation] as const,
    ["phrases.members", phrases.members.relation] as const,
    ["phrases.forces", phrases.forces.relation] as const,
    ["obligations", rules.obligations.relation] as const,
  ].filter(([, relation]) => !relationTypes.has(relation));
  if (unknown.length > 0) {
    throw new Error(
      unknown
        .map(
          ([where, relation]) =>
            `${file} ${where}: unknown relation "${relation}" (see vocabulary/relations.yaml)`,
        )
        .join("\n"),
    );
  }
  return rules;
}

export function verbRules(rules: ExtractionRules): VerbRule[] {
  return Object.entries(rules.rules).map(([id, rule]) => ({ id, ...rule }));
}
