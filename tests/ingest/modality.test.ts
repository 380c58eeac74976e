import { describe, expect, it } from "vitest";
import { extract, find } from "./helpers.ts";

/** The modality of the one RELEASED claim of a sentence ("asserted" when not written). */
async function modalityOf(text: string): Promise<string> {
  const { claims } = await extract(text);
  return find(claims, "azerbaijan RELEASED armenian-prisoners-of-war").modality ?? "asserted";
}

describe("modality from the words governing the verb", () => {
  it("asserts the plain past and present", async () => {
    expect(await modalityOf("Azerbaijan released 32 Armenian soldiers.")).toBe("asserted");
    expect(await modalityOf("Azerbaijan has released 32 Armenian soldiers.")).toBe("asserted");
  });

  it("announces intentions, promises and agreements to act", async () => {
    expect(await modalityOf("Azerbaijan will release 32 Armenian soldiers.")).toBe("announced");
    expect(await modalityOf("Azerbaijan agreed to release 32 Armenian soldiers.")).toBe("announced");
    expect(await modalityOf("Azerbaijan pledged to release 32 Armenian soldiers.")).toBe("announced");
    expect(await modalityOf("The 32 Armenian soldiers are to be released by Azerbaijan.")).toBe("announced");
  });

  it("hedges possibilities", async () => {
    expect(await modalityOf("Azerbaijan could release 32 Armenian soldiers.")).toBe("hedged");
    expect(await modalityOf("Azerbaijan may release 32 Armenian soldiers.")).toBe("hedged");
  });

  it("negates what did not happen, and negation wins over a hedge or an announcement", async () => {
    expect(await modalityOf("Azerbaijan did not release 32 Armenian soldiers.")).toBe("negated");
    expect(await modalityOf("Azerbaijan refused to release 32 Armenian soldiers.")).toBe("negated");
    expect(await modalityOf("Azerbaijan will not release 32 Armenian soldiers.")).toBe("negated");
    expect(await modalityOf("Azerbaijan could not release 32 Armenian soldiers.")).toBe("negated");
  });

  it("does not carry a cue from another clause", async () => {
    expect(await modalityOf("Armenia will not attend, but Azerbaijan released 32 Armenian soldiers.")).toBe(
      "asserted",
    );
  });
});
