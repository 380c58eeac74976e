import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChangeSet, RecordChange } from "../../server/store/types.ts";
import { ARTIFACTS, launchBrowser, type TestBrowser } from "../helpers/browser.ts";
import { startWriteServer, TOKEN, type WriteServer } from "../helpers/write-server.ts";

/** The review page in real Chromium against the real server and a real folder store. */

const TEXT = [
  "Türkiye welcomed the joint statement on Friday.",
  "Armenia issued the statement together with Azerbaijan.",
  "The delegation of Narnia welcomed the joint statement as well.",
  "Observers said the statement was dated 7 December 2023.",
].join("\n");

function source(): ChangeSet {
  const claim = (id: string, fields: Record<string, unknown>): RecordChange => ({
    op: "add",
    kind: "claim",
    record: { id, source: "review-demo", confidence: 0.6, status: "extracted", ...fields },
  });
  return {
    action: { kind: "ingestSource", source: "review-demo" },
    changes: [
      {
        op: "add",
        kind: "source",
        text: TEXT,
        record: {
          id: "review-demo",
          title: "A statement welcomed",
          outlet: "Demo Wire",
          url: "https://example.org/a",
          published: "2023-12-08",
          author: null,
          language: "en",
          added: "2026-11-25",
        },
      },
      {
        op: "add",
        kind: "entity",
        record: {
          id: "narnia",
          label: "Narnia",
          type: "state",
          description: "Proposed by the extractor.",
          status: "extracted",
        },
      },
      claim("rd-turkey", {
        subject: "turkey",
        relation: "WELCOMED",
        object: "joint-statement",
        quote: "Türkiye welcomed the joint statement",
      }),
      claim("rd-armenia", {
        subject: "armenia",
        relation: "ISSUED",
        object: "joint-statement",
        quote: "Armenia issued the statement",
      }),
      claim("rd-narnia", {
        subject: "narnia",
        relation: "WELCOMED",
        object: "joint-statement",
        quote: "The delegation of Narnia welcomed the joint statement",
      }),
      claim("rd-date", {
        subject: "joint-statement",
        property: "date",
        value: "2023-12-07",
        quote: "dated 7 December 2023",
      }),
    ],
  };
}

let browser: TestBrowser;
let server: WriteServer | undefined;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  await server?.stop();
  server = undefined;
});

async function openReview(author: string | null = "Ana"): Promise<void> {
  server = await startWriteServer({ seed: [source()] });
  page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  if (author) await page.addInitScript((name) => localStorage.setItem("peacegraph.author", name), author);
  await page.goto(`${server.url}/review#token=${TOKEN}`);
  await page
    .waitForFunction(
      () => window.__peacegraphReview?.ready() && window.__peacegraphReview.snapshot().source !== null,
      null,
      { timeout: 20_000 },
    )
    .catch((error: unknown) => {
      throw new Error(`the review page never became ready (${errors.join("; ") || String(error)})`);
    });
}

const snapshot = () => page.evaluate(() => window.__peacegraphReview!.snapshot());

/** Presses a key and waits until the page has finished what it started. */
async function press(key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction(() => window.__peacegraphReview!.ready());
}

async function claimState(id: string): Promise<{ status: string; subject: string } | null> {
  const { json } = await server!.post(
    { query: `{ node(id: "${id}") { ... on Claim { status subject { id } } } }` },
    { token: null, author: null },
  );
  const node = (json.data as { node: { status: string; subject: { id: string } } | null }).node;
  return node && { status: node.status, subject: node.subject.id };
}

describe("the review page", () => {
  it("takes the token from the link and out of the address bar, and shows the first claim in its passage", async () => {
    await openReview();
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.evaluate(() => localStorage.getItem("peacegraph.writeToken"))).toBe(TOKEN);
    const state = await snapshot();
    expect(state).toMatchObject({ source: "review-demo", current: "rd-turkey", cursor: 0 });
    await expect(page.locator(".passage mark").textContent()).resolves.toBe(
      "Türkiye welcomed the joint statement",
    );
    await expect(page.locator(".passage").textContent()).resolves.toBe(TEXT.split("\n")[0]);
    // Turkey's welcome is also in the fixture's demo source: the card says it corroborates.
    await expect(page.locator(".effects .corroborates").textContent()).resolves.toContain("Demo article");
    await expect(page.locator(".progress").textContent()).resolves.toContain("0 of 4 reviewed");
  });

  it("reviews a whole source from the keyboard, with a reason for a rejection", async () => {
    await openReview();
    await press("a"); // rd-turkey accepted
    expect((await snapshot()).current).toBe("rd-armenia");
    await press("s"); // rd-armenia skipped
    expect((await snapshot()).current).toBe("rd-narnia");
    await page.keyboard.press("r");
    await page.locator("dialog[open] input[name=note]").waitFor();
    await press("2"); // a typed reason: wrong actor
    expect((await snapshot()).current).toBe("rd-date");
    await press("a");
    // Back to the skipped one, then the source is done.
    expect((await snapshot()).current).toBe("rd-armenia");
    await press("a");
    await expect(page.locator(".message").textContent()).resolves.toBe(
      "Every claim of this source is reviewed.",
    );
    await expect(page.locator(".progress").textContent()).resolves.toContain("4 of 4 reviewed");
    expect(await claimState("rd-turkey")).toMatchObject({ status: "CURATED" });
    expect(await claimState("rd-armenia")).toMatchObject({ status: "CURATED" });
    expect(await claimState("rd-date")).toMatchObject({ status: "CURATED" });
    expect(await claimState("rd-narnia")).toBeNull();
    const { json } = await server!.post({ query: "{ changes(first: 5) { action author note decision } }" });
    expect((json.data as { changes: unknown[] }).changes).toContainEqual({
      action: "REVIEW_CLAIM",
      author: "Ana",
      note: "wrong actor",
      decision: "REJECT",
    });
    await page.screenshot({ path: path.join(ARTIFACTS, "review-done.png") });
  });

  it("moves with j and k, and undoes with u", async () => {
    await openReview();
    await press("j");
    await press("j");
    expect((await snapshot()).current).toBe("rd-narnia");
    await press("k");
    expect((await snapshot()).current).toBe("rd-armenia");
    await page.keyboard.press("r");
    await page.locator("dialog[open] input[name=note]").fill("not in the text, says who?");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => window.__peacegraphReview!.ready() && window.__peacegraphReview!.snapshot().undo === 1,
    );
    expect(await claimState("rd-armenia")).toBeNull();
    await press("u");
    expect(await claimState("rd-armenia")).toMatchObject({ status: "EXTRACTED" });
    const state = await snapshot();
    expect(state).toMatchObject({ current: "rd-armenia", undo: 0 });
    expect(state.message).toBe("Undone: reject rd-armenia.");
  });

  it("edits a claim with autocomplete over entities and relation types", async () => {
    await openReview();
    await press("j");
    await press("j"); // rd-narnia: the extractor took an unknown delegation for the actor
    await page.keyboard.press("e");
    const subject = page.locator("dialog[open] input[name=subject]");
    await subject.fill("arm");
    await page.locator('dialog[open] li[data-value="armenia"]').waitFor();
    await subject.press("Enter");
    expect(await subject.inputValue()).toBe("Armenia");
    const relation = page.locator("dialog[open] input[name=relation]");
    await relation.fill("supp");
    await page.locator('dialog[open] li[data-value="SUPPORTED"]').waitFor();
    await relation.press("ArrowDown");
    await relation.press("ArrowUp");
    await relation.press("Enter");
    expect(await relation.inputValue()).toBe("SUPPORTED");
    await page.locator('dialog[open] [data-action="save"]').click();
    await page.waitForFunction(
      () => window.__peacegraphReview!.ready() && window.__peacegraphReview!.snapshot().undo === 1,
    );
    const { json } = await server!.post({
      query: '{ node(id: "rd-narnia") { ... on Claim { subject { id } relationType { id } status } } }',
    });
    expect(json.data).toEqual({
      node: { subject: { id: "armenia" }, relationType: { id: "SUPPORTED" }, status: "EXTRACTED" },
    });
    await expect(page.locator(".message").textContent()).resolves.toContain(
      "Press a to accept it as corrected",
    );
    await press("a");
    expect(await claimState("rd-narnia")).toEqual({ status: "CURATED", subject: "armenia" });
  });

  it("merges a proposed entity into an existing one", async () => {
    await openReview();
    expect((await snapshot()).proposed).toEqual(["narnia"]);
    await page.locator('[data-entity="narnia"] [data-action="merge"]').click();
    const into = page.locator("dialog[open] input[name=into]");
    await into.fill("türk");
    await page.locator('dialog[open] li[data-value="turkey"]').click();
    await page.locator('dialog[open] [data-action="save"]').click();
    await page.waitForFunction(
      () => window.__peacegraphReview!.ready() && window.__peacegraphReview!.snapshot().proposed.length === 0,
    );
    expect(await claimState("rd-narnia")).toEqual({ status: "EXTRACTED", subject: "turkey" });
    await expect(page.locator(".message").textContent()).resolves.toBe("Merged Narnia into turkey.");
    // And undone: the proposal and its claim come back as they were.
    await press("u");
    expect((await snapshot()).proposed).toEqual(["narnia"]);
    expect(await claimState("rd-narnia")).toEqual({ status: "EXTRACTED", subject: "narnia" });
  });

  it("asks for a name before the first write, and follows others' writes live", async () => {
    await openReview(null);
    await page.keyboard.press("a");
    await expect(page.locator(".message").textContent()).resolves.toContain(
      "Type your name at the top first",
    );
    expect(await claimState("rd-turkey")).toMatchObject({ status: "EXTRACTED" });
    // Someone else accepts a claim through the API: the page shows it without a reload.
    await server!.write(`mutation { reviewClaim(id: "rd-armenia", decision: ACCEPT) { id } }`);
    await page.waitForFunction(
      () =>
        window.__peacegraphReview!.snapshot().items.find((item) => item.id === "rd-armenia")?.status ===
        "CURATED",
      null,
      { timeout: 10_000 },
    );
    await expect(page.locator(".progress").textContent()).resolves.toContain("1 of 4 reviewed");
  });
  it("reads a pasted article, saves it, and opens its claims for review", async () => {
    await openReview();
    const article = [
      "Türkiye welcomes joint statement by Armenia and Azerbaijan",
      "",
      "Türkiye welcomed the joint statement issued by Armenia and Azerbaijan on 7 December 2023, the " +
        "foreign ministry said on Friday.",
    ].join("\n");
    await page.locator(".ingest-panel summary").click();
    await page.locator("form.ingest textarea[name=text]").fill(article);
    await page.locator("form.ingest input[name=url]").fill("https://example.org/pasted");
    await page.locator("form.ingest input[name=published]").fill("2023-12-08");
    await page.locator("form.ingest button[type=submit]").click();
    await page.waitForFunction(
      () =>
        window.__peacegraphReview!.ready() &&
        window.__peacegraphReview!.snapshot().source !== "review-demo" &&
        window.__peacegraphReview!.snapshot().source !== null,
      null,
      { timeout: 20_000 },
    );
    const state = await snapshot();
    await expect(page.locator(".message").textContent()).resolves.toMatch(
      /^Read "Türkiye welcomes joint statement by Armenia and Azerbaijan": \d+ claims to review/,
    );
    // The source is stored, its claims await review, and the page shows the first in its passage.
    const { json } = await server!.post(
      {
        query: `{ node(id: "${state.source}") { ... on Source { title url claims(status: EXTRACTED) { id quote } } } }`,
      },
      { token: null, author: null },
    );
    const stored = (
      json.data as { node: { title: string; url: string; claims: { id: string; quote: string }[] } }
    ).node;
    expect(stored).toMatchObject({ title: "Türkiye welcomes joint statement by Armenia and Azerbaijan" });
    expect(stored.claims.length).toBeGreaterThan(0);
    expect(stored.claims.map((claim) => claim.id)).toContain(state.current);
    const quote = stored.claims.find((claim) => claim.id === state.current)!.quote;
    await expect(page.locator(".passage mark").textContent()).resolves.toBe(quote);
  });
});
