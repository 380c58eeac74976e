/**
 * Acts named by a noun, with their participants in prepositional phrases or a possessive: "the
 * release by Azerbaijan of 15 Armenian detainees", "Azerbaijan's release of …", "the exodus of the
 * Armenians of Nagorno-Karabakh to Armenia". Which noun states which relation, and where each end
 * stands, is data (extraction-rules.yaml, `nominals`).
 */
import type { CompiledRules } from "./compiled-rules.ts";
import { referentOf, type Referent } from "./discourse.ts";
import type { LinkIndex } from "./link-index.ts";
import { fits, type Candidate } from "./match-rules.ts";
import { modalityOf } from "./modality.ts";
import type { SentenceView } from "./roles.ts";
import type { Mention } from "./types.ts";

const MARKERS = new Set(["by", "of", "to", "into", "on", "against", "from", "with"]);
const SKIPPABLE = new Set(["the", "all", "both", "its", "their"]);
/** How many prepositional phrases after the noun are read. */
const MAX_PHRASES = 3;

/** The mentions listed from `at` ("Armenia and Azerbaijan", "15 Armenian detainees"), and where they end. */
function listFrom(view: SentenceView, at: number): { mentions: Mention[]; end: number } {
  const mentions: Mention[] = [];
  let next = at;
  let end = at - 1;
  while (next < view.tokens.length) {
    const norm = view.tokens[next]!.norm;
    const mention = view.covering[next];
    if (mention && !mention.modifier) {
      if (!mentions.includes(mention)) mentions.push(mention);
      end = mention.last;
      next = mention.last + 1;
    } else if (SKIPPABLE.has(norm) || view.tokens[next]!.pos === "NUM" || view.tokens[next]!.pos === "ADJ")
      next++;
    else if ((norm === "," || norm === "and") && mentions.length > 0) next++;
    else break;
  }
  return { mentions, end };
}

/** Participants around the noun at `at`: by marker ("by", "of", …) and "possessor". */
function participants(
  view: SentenceView,
  at: number,
): Map<string, { mentions: Mention[]; end: number; first: number }> {
  const found = new Map<string, { mentions: Mention[]; end: number; first: number }>();
  // "Azerbaijan's release", "Azerbaijan’s June 12 release": the possessor before the noun.
  let before = at - 1;
  while (
    before > 0 &&
    ["ADJ", "NUM", "PROPN", "NOUN"].includes(view.tokens[before]!.pos) &&
    !view.covering[before]
  )
    before--;
  const owner = view.covering[before - 1];
  if (view.tokens[before]?.norm === "'s" || view.tokens[before]?.norm === "'") {
    if (owner?.possessor) found.set("possessor", { mentions: [owner], end: owner.last, first: owner.first });
  }
  let next = at + 1;
  for (let phrase = 0; phrase < MAX_PHRASES; phrase++) {
    const marker = view.tokens[next]?.norm ?? "";
    if (!MARKERS.has(marker)) break;
    const list = listFrom(view, next + 1);
    if (list.mentions.length === 0) break;
    if (!found.has(marker)) found.set(marker, { ...list, first: next + 1 });
    next = list.end + 1;
  }
  return found;
}

export function matchNominals(
  view: SentenceView,
  rules: CompiledRules,
  index: LinkIndex,
  out: Candidate[],
): void {
  for (const [id, rule] of Object.entries(rules.source.nominals)) {
    const type = index.relationTypes.get(rule.relation);
    if (!type) continue;
    const subjectFits = (r: Referent) => fits(r, rule.subject) && fits(r, type.domain);
    const objectFits = (r: Referent) => fits(r, rule.object) && fits(r, type.range);
    for (let at = 0; at < view.tokens.length; at++) {
      const token = view.tokens[at]!;
      if (token.pos !== "NOUN" && token.pos !== "PROPN") continue;
      if (!rule.nouns.includes(token.norm) && !rule.nouns.includes(token.lemma)) continue;
      // The noun may be the head of an event it names ("the blockade", an event of the graph).
      const covering = view.covering[at];
      if (covering && covering.last !== at) continue;
      const around = participants(view, at);
      const pick = (places: readonly string[], accepts: (r: Referent) => boolean) => {
        for (const place of places) {
          const list = around.get(place);
          const referents = list?.mentions.map(referentOf).filter(accepts) ?? [];
          if (list && referents.length > 0) return { referents, first: list.first, end: list.end };
        }
        return undefined;
      };
      const subject = pick(rule.subjectAt, subjectFits);
      const object = pick(rule.objectAt, objectFits);
      if (!subject || !object) continue;
      const modality = modalityOf(view.tokens, at, 0, rules);
      for (const s of subject.referents) {
        for (const o of object.referents) {
          if (s.entity === o.entity) continue;
          out.push({
            rule: id,
            relation: rule.relation,
            subject: s,
            object: o,
            first: Math.min(at, subject.first, object.first),
            last: Math.max(at, subject.end, object.end),
            anchor: at,
            modality,
            confidence: rule.confidence,
            byReference: false,
          });
        }
      }
    }
  }
}
