/**
 * Reported speech: whose words a claim reports. "Aliyev said (that) Azerbaijan would release …",
 * "…, the Turkish Foreign Ministry said", "according to the Kremlin, …". The claim keeps its own
 * subject and gains attributedTo; the speaker is not turned into the actor.
 */
import { referentOf, type Referent } from "./discourse.ts";
import { scanLeft, type RoleContext, type SentenceView } from "./roles.ts";

const isActor = (referent: Referent) => referent.kind === "actor";

/** The speaker whose words contain the token at `anchor`, or null when the source speaks itself. */
export function attributionOf(view: SentenceView, anchor: number, ctx: RoleContext): Referent | null {
  const { tokens, covering } = view;
  // "according to X"
  for (let at = 0; at < tokens.length; at++) {
    const end = ctx.rules.accordingTo.matchAt(tokens, at);
    if (end < 0) continue;
    let next = end + 1;
    if (tokens[next]?.norm === "the") next++;
    const speaker = covering[next];
    if (speaker && speaker.kind === "actor") return referentOf(speaker);
  }
  for (let at = 0; at < tokens.length; at++) {
    if (at === anchor || (tokens[at]!.pos !== "VERB" && tokens[at]!.pos !== "AUX")) continue;
    const speech = ctx.rules.speechVerbs.find((verb) => verb.matchAt(tokens, at));
    if (!speech) continue;
    if (at < anchor) {
      // "X said (that) …": the claim follows the speech verb.
      const speaker = scanLeft(view, at, isActor, ctx);
      if (speaker && speaker.last < at) return speaker.referents[0]!;
    } else if (
      tokens.slice(Math.max(anchor, at - 6), at).some((token) => token.norm === ",") &&
      tokens.length - at <= 8
    ) {
      // "…, X said" or "…, said X", closing the sentence
      const speaker = scanLeft(view, at, isActor, ctx);
      if (speaker && speaker.first > anchor) return speaker.referents[0]!;
      const after = covering[at + 1] ?? covering[at + 2];
      if (after && after.kind === "actor") return referentOf(after);
    }
  }
  return null;
}
