/**
 * Modality from the words governing a verb: "will release" and "agreed to exchange" are announced,
 * "could facilitate" hedged, "did not sign" and "without mediation" negated; plain past or present
 * is asserted. The cue words are data (extraction-rules.yaml, `modality`).
 */
import type { CompiledRules } from "./compiled-rules.ts";
import type { Token } from "./types.ts";
import type { Modality } from "./types.ts";

/** How far before the verb its governing words may stand. */
const WINDOW = 7;

/** Words that end the verb group: cues before them belong to another clause. */
const GROUP_BREAKS = new Set([",", ";", ":", ".", "that", "which", "who", "while", "but", "and"]);

/**
 * The modality of the verb at `verbAt`, reading its cues back to `from` (the end of its subject, or
 * the clause start). Negation wins over a hedge, a hedge over an announcement.
 */
export function modalityOf(
  tokens: readonly Token[],
  verbAt: number,
  from: number,
  rules: CompiledRules,
): Modality {
  const start = Math.max(from, verbAt - WINDOW, 0);
  let begin = start;
  for (let at = verbAt - 1; at >= start; at--) {
    if (GROUP_BREAKS.has(tokens[at]!.norm) && !(tokens[at]!.norm === "and" && at < verbAt - 1)) {
      begin = at + 1;
      break;
    }
  }
  const found = new Set<Modality>();
  for (let at = begin; at < verbAt; at++) {
    for (const [modality, list] of [
      ["negated", rules.negated],
      ["hedged", rules.hedged],
      ["announced", rules.announced],
    ] as const) {
      const end = list.matchAt(tokens, at);
      if (end >= 0 && end < verbAt) found.add(modality);
    }
  }
  // "to be released", "are to be handed over": an infinitive of a passive announces.
  if (tokens[verbAt - 1]?.norm === "be" && tokens[verbAt - 2]?.norm === "to") found.add("announced");
  if (found.has("negated")) return "negated";
  if (found.has("hedged")) return "hedged";
  if (found.has("announced")) return "announced";
  return "asserted";
}
