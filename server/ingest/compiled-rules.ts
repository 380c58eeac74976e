/** The extraction rules with every word list turned into a matcher, once per rules file. */
import { foldInPlace } from "./fold.ts";
import { Phrase, PhraseList } from "./lexicon.ts";
import { verbRules, type ExtractionRules, type VerbRule } from "./rules-file.ts";

export interface CompiledVerbRule {
  rule: VerbRule;
  phrases: Phrase[];
  objectAfter: PhraseList;
}

export interface CompiledRules {
  source: ExtractionRules;
  offices: PhraseList;
  forces: PhraseList;
  headTitles: PhraseList;
  titles: PhraseList;
  envoyTitles: PhraseList;
  peopleNouns: PhraseList;
  pairPhrases: PhraseList;
  leaderPhrases: PhraseList;
  honorifics: PhraseList;
  actorNouns: PhraseList;
  speechVerbs: Phrase[];
  accordingTo: PhraseList;
  firstPerson: ReadonlySet<string>;
  announced: PhraseList;
  hedged: PhraseList;
  negated: PhraseList;
  approximate: PhraseList;
  obligations: PhraseList;
  countable: PhraseList;
  verbRules: CompiledVerbRule[];
  /** Anaphoric noun → the event types it may refer back to. */
  eventAnaphora: ReadonlyMap<string, readonly string[]>;
  /** Last word of an unknown name (folded) → the type to propose. */
  nameHeads: ReadonlyMap<string, string>;
  /** Irregular past forms ("made", "held", "given"): after a noun, a participle like "issued". */
  irregularPast: ReadonlySet<string>;
  /** Folded head titles, to read a role off a title phrase. */
  headTitleRoles: ReadonlyMap<string, string>;
}

export function compileRules(rules: ExtractionRules): CompiledRules {
  const irregular = rules.irregular;
  const linking = rules.linking;
  return {
    irregularPast: new Set(
      Object.entries(irregular)
        .filter(([verb]) => verb !== "be" && verb !== "have")
        .flatMap(([, forms]) => forms.map(foldInPlace)),
    ),
    source: rules,
    offices: new PhraseList(linking.offices),
    forces: new PhraseList(linking.forces),
    headTitles: new PhraseList(linking.headTitles),
    titles: new PhraseList(linking.titles),
    envoyTitles: new PhraseList(linking.envoyTitles),
    peopleNouns: new PhraseList(linking.peopleNouns),
    pairPhrases: new PhraseList(linking.pairPhrases),
    leaderPhrases: new PhraseList(linking.leaderPhrases),
    honorifics: new PhraseList(linking.honorifics),
    actorNouns: new PhraseList(linking.actorNouns),
    speechVerbs: rules.attribution.speechVerbs.map((verb) => new Phrase(verb, irregular)),
    accordingTo: new PhraseList(rules.attribution.accordingTo),
    firstPerson: new Set(rules.attribution.firstPerson.map(foldInPlace)),
    announced: new PhraseList(rules.modality.announced, irregular),
    hedged: new PhraseList(rules.modality.hedged, irregular),
    negated: new PhraseList(rules.modality.negated, irregular),
    approximate: new PhraseList(rules.counts.approximate),
    obligations: new PhraseList(rules.obligations.phrases, irregular),
    countable: new PhraseList(rules.counts.countable),
    verbRules: verbRules(rules).map((rule) => ({
      rule,
      phrases: rule.verbs.map((verb) => new Phrase(verb, irregular)),
      objectAfter: new PhraseList(rule.objectAfter),
    })),
    eventAnaphora: new Map(
      Object.entries(linking.eventAnaphora).map(([noun, types]) => [foldInPlace(noun), types]),
    ),
    nameHeads: new Map(Object.entries(linking.nameHeads).map(([head, type]) => [foldInPlace(head), type])),
    headTitleRoles: new Map(linking.headTitles.map((title) => [foldInPlace(title), title])),
  };
}
