import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { calibrateRules } from "../../server/ingest/calibrate.ts";
import { calibratedConfidence, confidenceOf } from "../../server/ingest/confidence.ts";
import { inflections, Phrase } from "../../server/ingest/lexicon.ts";
import { checkRules, RULES_FILE } from "../../server/ingest/rules-file.ts";
import type { Sentence } from "../../server/ingest/types.ts";
import { tokenize } from "../../server/ingest/tokens.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";

const tokensOf = (text: string) =>
  tokenize({ start: 0, end: text.length, text, headline: false } as Sentence);

describe("the rules file", () => {
  it("checks that every rule names a relation type of the vocabulary", async () => {
    const raw = parse(await readFile(path.join(GRAPH_DATA, RULES_FILE), "utf8"));
    raw.rules.welcomed.relation = "APPLAUDED";
    expect(() => checkRules(raw, new Set(["WELCOMED"]))).toThrow(
      /rules\.welcomed: unknown relation "APPLAUDED" \(see vocabulary\/relations\.yaml\)/,
    );
  });

  it("says where a malformed rule is wrong", async () => {
    const raw = parse(await readFile(path.join(GRAPH_DATA, RULES_FILE), "utf8"));
    raw.rules.welcomed.confidence = 1.5;
    delete raw.rules.released.verbs;
    expect(() => checkRules(raw, new Set())).toThrow(
      /rules\.welcomed\.confidence: .*\n.*rules\.released\.verbs/s,
    );
  });
});

describe("verb phrases", () => {
  it("match the inflections of their verb, irregular ones from the rules", () => {
    expect(inflections("welcome", {})).toEqual(expect.arrayContaining(["welcomes", "welcomed", "welcoming"]));
    expect(inflections("urge", {})).toEqual(expect.arrayContaining(["urged", "urging"]));
    expect(inflections("withdraw", { withdraw: ["withdrew", "withdrawn"] })).toEqual(
      expect.arrayContaining(["withdraws", "withdrew", "withdrawn"]),
    );
  });

  it("allow a few modifiers between their words, and an object slot", () => {
    const support = new Phrase("express support for", {});
    expect(support.matchAt(tokensOf("They expressed their strong support for it"), 1)).toEqual({
      first: 1,
      last: 5,
    });
    expect(support.matchAt(tokensOf("They expressed doubts about the support for it"), 1)).toBeUndefined();
    const congratulate = new Phrase("congratulate {object} for", {});
    expect(congratulate.matchAt(tokensOf("We congratulate the US for its leadership"), 1)).toEqual({
      first: 1,
      last: 4,
      slot: [2, 3],
    });
  });
});

describe("confidence", () => {
  it("starts from the rule's record, pulled towards one half when the record is short", () => {
    expect(calibratedConfidence(9, 10)).toBe(0.83);
    expect(calibratedConfidence(1, 1)).toBe(0.67);
    expect(calibratedConfidence(0, 0)).toBe(0.5);
  });

  it("is lowered for a proposed entity and an indirect link, never raised", () => {
    const state = { entity: "armenia", kind: "actor" as const, type: "state" };
    expect(confidenceOf({ ruleConfidence: 0.8, ends: [state], links: ["label"] })).toBe(0.8);
    expect(confidenceOf({ ruleConfidence: 0.8, ends: [state], links: ["office"] })).toBe(0.76);
    const proposed = {
      ...state,
      entity: "georgia",
      proposal: { label: "Georgia", type: "state", aliases: [] },
    };
    expect(confidenceOf({ ruleConfidence: 0.8, ends: [proposed], links: ["proposed"] })).toBe(0.72);
  });

  it("is calibrated into the rules file by rewriting only the numbers", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-calibrate-"));
    await cp(path.join(GRAPH_DATA, "vocabulary"), path.join(dir, "vocabulary"), { recursive: true });
    const file = path.join(dir, RULES_FILE);
    const before = await readFile(file, "utf8");
    const changed = await calibrateRules(dir, {
      welcomed: { found: 10, right: 9 },
      between: { found: 3, right: 0 },
    });
    expect(changed.welcomed?.[1]).toBe(0.83);
    const after = await readFile(file, "utf8");
    const rules = parse(after);
    expect(rules.rules.welcomed.confidence).toBe(0.83);
    for (const phrase of rules.phrases.between) expect(phrase.confidence).toBe(0.2);
    // Everything else, comments included, is as it was.
    const strip = (text: string) => text.replace(/confidence: [\d.]+/g, "confidence: N");
    expect(strip(after)).toBe(strip(before));
  });
});
