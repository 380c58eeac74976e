/**
 * Calibration: each rule's confidence becomes its record on the dev set (see confidence.ts), written
 * back into extraction-rules.yaml by replacing only the numbers, so comments and layout stay.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { isScalar, parseDocument } from "yaml";
import { calibratedConfidence } from "./confidence.ts";
import type { RuleRecord } from "./evaluate.ts";
import { RULES_FILE } from "./rules-file.ts";

/** Where each rule id keeps its confidence in the rules file. */
function pathsOf(rule: string, document: ReturnType<typeof parseDocument>): (string | number)[][] {
  if (rule === "between") {
    const count =
      (document.getIn(["phrases", "between"]) as { items?: unknown[] } | undefined)?.items?.length ?? 0;
    return Array.from({ length: count }, (_, i) => ["phrases", "between", i, "confidence"]);
  }
  if (rule === "agents") {
    const count =
      (document.getIn(["phrases", "agents"]) as { items?: unknown[] } | undefined)?.items?.length ?? 0;
    return Array.from({ length: count }, (_, i) => ["phrases", "agents", i, "confidence"]);
  }
  const phrase: Record<string, string> = {
    "between-nouns": "betweenNouns",
    places: "places",
    "statement-frame": "statementFrame",
    attackers: "attackers",
    targets: "targets",
    forces: "forces",
    leads: "leads",
    members: "members",
    "event-date": "eventDate",
  };
  if (phrase[rule]) return [["phrases", phrase[rule], "confidence"]];
  if (rule === "obligations") return [["obligations", "confidence"]];
  if (document.hasIn(["nominals", rule])) return [["nominals", rule, "confidence"]];
  return [["rules", rule, "confidence"]];
}

/** Rewrites the confidences; returns rule → [old, new] for the rules that changed. */
export async function calibrateRules(
  dataDir: string,
  records: Readonly<Record<string, RuleRecord>>,
): Promise<Record<string, [number, number]>> {
  const file = path.join(dataDir, RULES_FILE);
  const text = await readFile(file, "utf8");
  const document = parseDocument(text);
  const changed: Record<string, [number, number]> = {};
  const edits: { start: number; end: number; value: number }[] = [];
  for (const [rule, record] of Object.entries(records)) {
    const value = calibratedConfidence(record.right, record.found);
    for (const at of pathsOf(rule, document)) {
      const node = document.getIn(at, true);
      if (!isScalar(node) || typeof node.value !== "number" || !node.range || node.value === value) continue;
      edits.push({ start: node.range[0], end: node.range[1], value });
      changed[rule] = [node.value, value];
    }
  }
  let updated = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    updated = updated.slice(0, edit.start) + String(edit.value) + updated.slice(edit.end);
  await writeFile(file, updated);
  return changed;
}
