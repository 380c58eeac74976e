import { beforeAll, describe, expect, it } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import type { EventCodes, RelationType } from "../../server/model/types.ts";
import { GRAPH_DATA, PROJECT_ROOT } from "../helpers/fixture.ts";

/**
 * The relation vocabulary's event codes checked against the field's reference tables, written out
 * here by hand rather than read from vocabulary/relations.yaml:
 * - label: the CAMEO event codebook's name for the code (GDELT's CAMEO.eventcodes table);
 * - goldstein: the GDELT CAMEO.goldsteinscale table;
 * - plover: the CAMEO-to-PLOVER table of the PLOVER manual (openeventdata/PLOVER,
 *   CAMEO2PLOVER-2021.txt and "CAMEO to PLOVER translation"), which drops 01 (make public statement)
 *   and 02 (appeal): those codes have no PLOVER type.
 */
const CODEBOOK: Record<string, { label: string; goldstein: number; plover: string | null }> = {
  "010": { label: "Make statement, not specified below", goldstein: 0.0, plover: null },
  "027": { label: "Appeal to others to settle dispute", goldstein: 4.0, plover: null },
  "030": { label: "Express intent to cooperate, not specified below", goldstein: 4.0, plover: "AGREE" },
  "032": {
    label: "Express intent to engage in diplomatic cooperation (such as policy support)",
    goldstein: 4.5,
    plover: "AGREE",
  },
  "0334": {
    label: "Express intent to provide military protection or peacekeeping",
    goldstein: 6.0,
    plover: "AGREE",
  },
  "035": { label: "Express intent to yield, not specified below", goldstein: 7.0, plover: "AGREE" },
  "0353": { label: "Express intent to release persons or property", goldstein: 7.0, plover: "AGREE" },
  "0356": { label: "Express intent to de-escalate military engagement", goldstein: 7.0, plover: "AGREE" },
  "036": { label: "Express intent to meet or negotiate", goldstein: 4.0, plover: "AGREE" },
  "037": { label: "Express intent to settle dispute", goldstein: 5.0, plover: "AGREE" },
  "039": { label: "Express intent to mediate", goldstein: 5.0, plover: "AGREE" },
  "045": { label: "Mediate", goldstein: 5.0, plover: "CONSULT" },
  "046": { label: "Engage in negotiation", goldstein: 7.0, plover: "CONSULT" },
  "051": { label: "Praise or endorse", goldstein: 3.4, plover: "SUPPORT" },
  "054": { label: "Grant diplomatic recognition", goldstein: 6.0, plover: "SUPPORT" },
  "057": { label: "Sign formal agreement", goldstein: 8.0, plover: "SUPPORT" },
  "074": { label: "Provide military protection or peacekeeping", goldstein: 8.5, plover: "AID" },
  "080": { label: "Yield, not specified below", goldstein: 5.0, plover: "CONCEDE" },
  "0841": { label: "Return, release person(s)", goldstein: 7.0, plover: "RETREAT" },
  "0871": { label: "Declare truce, ceasefire", goldstein: 9.0, plover: "RETREAT" },
  "1044": { label: "Demand change in institutions, regime", goldstein: -5.0, plover: "REQUEST" },
  "110": { label: "Disapprove, not specified below", goldstein: -2.0, plover: "ACCUSE" },
  "111": { label: "Criticize or denounce", goldstein: -2.0, plover: "ACCUSE" },
  "115": { label: "Bring lawsuit against", goldstein: -2.0, plover: "ACCUSE" },
  "116": { label: "Find guilty or liable (legally)", goldstein: -2.0, plover: "ACCUSE" },
  "120": { label: "Reject, not specified below", goldstein: -4.0, plover: "REJECT" },
  "1381": { label: "Threaten blockade", goldstein: -7.0, plover: "THREATEN" },
  "1382": { label: "Threaten occupation", goldstein: -7.0, plover: "THREATEN" },
  "1384": { label: "Threaten conventional attack", goldstein: -7.0, plover: "THREATEN" },
  "190": {
    label: "Use conventional military force, not specified below",
    goldstein: -10.0,
    plover: "ASSAULT",
  },
  "191": { label: "Impose blockade, restrict movement", goldstein: -9.5, plover: "COERCE" },
  "192": { label: "Occupy territory", goldstein: -9.5, plover: "COERCE" },
};

/** What each relation type means, and so which code it must carry (null: structural, no event). */
const EXPECTED: Record<string, { base: string | null; announced?: string }> = {
  MEDIATED: { base: "045", announced: "039" },
  NEGOTIATED: { base: "046", announced: "036" },
  PARTICIPATED_IN: { base: "046", announced: "036" },
  WELCOMED: { base: "051" },
  SUPPORTED: { base: "051", announced: "032" },
  URGED: { base: "027" },
  ISSUED: { base: "010" },
  AGREED: { base: "037" },
  COMMITTED_TO: { base: "030" },
  PROPOSED: { base: "036" },
  CONFIRMED: { base: "010" },
  REPORTED_PROGRESS: { base: "010" },
  SIGNED: { base: "057" },
  RECOGNISED: { base: "054" },
  RELEASED: { base: "0841", announced: "0353" },
  WITHDREW: { base: "080", announced: "035" },
  YIELDED_TO: { base: "080", announced: "035" },
  DEPLOYED: { base: "074", announced: "0334" },
  PROTECTED: { base: "074", announced: "0334" },
  DECLARED_CEASEFIRE: { base: "0871", announced: "0356" },
  ATTACKED: { base: "190", announced: "1384" },
  CAPTURED: { base: "192", announced: "1382" },
  BLOCKADED: { base: "191", announced: "1381" },
  FILED_CASE: { base: "115" },
  RULED_ON: { base: null },
  REJECTED: { base: "120" },
  ACCUSED: { base: "111" },
  OPPOSED: { base: "110" },
  PRESSURED: { base: null },
  DECLARED_INDEPENDENCE: { base: "1044" },
  SOUGHT_UNIFICATION: { base: "1044" },
};

let relationTypes: Map<string, RelationType>;

beforeAll(async () => {
  const { model, problems } = await loadGraphData(GRAPH_DATA, PROJECT_ROOT);
  expect(problems).toEqual([]);
  relationTypes = model.relationTypes;
});

function expectCodebook(where: string, codes: EventCodes, code: string | null): void {
  if (code === null) {
    expect(codes, where).toMatchObject({ cameo: null, cameoLabel: null, goldstein: null, plover: null });
    return;
  }
  const entry = CODEBOOK[code];
  expect(entry, `${where}: ${code} is in the test's codebook table`).toBeDefined();
  expect(
    { cameo: codes.cameo, cameoLabel: codes.cameoLabel, goldstein: codes.goldstein, plover: codes.plover },
    where,
  ).toEqual({ cameo: code, cameoLabel: entry!.label, goldstein: entry!.goldstein, plover: entry!.plover });
}

describe("the relation vocabulary's event codes", () => {
  it("match the CAMEO codebook, the Goldstein table and the CAMEO-to-PLOVER table", () => {
    for (const [id, expected] of Object.entries(EXPECTED)) {
      const type = relationTypes.get(id);
      expect(type, id).toBeDefined();
      expectCodebook(id, type!, expected.base);
      if (expected.announced)
        expectCodebook(`${id} announced`, type!.modalities.announced!, expected.announced);
      else expect(type!.modalities.announced, `${id} announced`).toBeUndefined();
    }
  });

  it("leaves no coded type out of the check, and gives every other type no code", () => {
    const uncoded = [...relationTypes.values()].filter((type) => !(type.id in EXPECTED));
    expect(uncoded.length).toBeGreaterThan(0);
    for (const type of relationTypes.values()) {
      if (type.id in EXPECTED) continue;
      expect([type.id, type.cameo, type.modalities], type.id).toEqual([type.id, null, {}]);
    }
  });

  it("fixes the codes the analyst found wrong", () => {
    const plover = (id: string) => relationTypes.get(id)?.plover;
    expect([plover("CONFIRMED"), plover("REPORTED_PROGRESS"), plover("URGED")]).toEqual([null, null, null]);
    expect(relationTypes.get("RECOGNISED")).toMatchObject({ cameo: "054", goldstein: 6, plover: "SUPPORT" });
    expect(plover("CAPTURED")).toBe("COERCE");
    expect(relationTypes.get("DECLARED_INDEPENDENCE")?.cameo).toBe("1044");
    expect(relationTypes.get("SOUGHT_UNIFICATION")?.cameo).toBe("1044");
    expect(relationTypes.get("RULED_ON")?.cameo).not.toBe("116");
    expect(relationTypes.get("ISSUED")?.cameo).not.toBe("037");
  });
});
