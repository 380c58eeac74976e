/**
 * Obligations in an official text: "Azerbaijan has the responsibility to ensure …", "Their property
 * rights must be protected by Azerbaijan". The speaker of the text (its outlet, author or title, or
 * "we") appeals to the one who must act: URGED. Only when the speaker is known: in a news report
 * "X must" is the reporter's or a quoted view, not an appeal.
 */
import type { Referent } from "./discourse.ts";
import type { LinkIndex } from "./link-index.ts";
import { fits, type Candidate } from "./match-rules.ts";
import { agentAfter, scanLeft, type RoleContext, type SentenceView } from "./roles.ts";

export function matchObligations(
  view: SentenceView,
  index: LinkIndex,
  ctx: RoleContext,
  out: Candidate[],
): void {
  const speaker = ctx.discourse.speakerKnown ? ctx.discourse.speaker : null;
  const { relation, confidence } = ctx.rules.source.obligations;
  const type = index.relationTypes.get(relation);
  if (!speaker || !type || !fits(speaker, type.domain)) return;
  const addressee = (referent: Referent) =>
    referent.kind === "actor" && referent.entity !== speaker.entity && fits(referent, type.range);
  for (let at = 0; at < view.tokens.length; at++) {
    const end = ctx.rules.obligations.matchAt(view.tokens, at);
    if (end < 0) continue;
    // "… must be protected by Azerbaijan": the agent of the passive; else the subject.
    const passive = view.tokens[end + 1]?.norm === "be" || view.tokens[end + 2]?.norm === "be";
    const who =
      (passive ? agentAfter(view, end + 3, addressee, ctx) : undefined) ?? scanLeft(view, at, addressee, ctx);
    if (!who || who.how !== "named") continue;
    for (const addressed of who.referents) {
      out.push({
        rule: "obligations",
        relation,
        subject: speaker,
        object: addressed,
        first: Math.min(at, who.first),
        last: Math.max(end, who.last),
        anchor: at,
        modality: "asserted",
        confidence,
        byReference: false,
      });
    }
  }
}
