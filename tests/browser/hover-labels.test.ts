import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  launchBrowser,
  nextFrames,
  openViewer,
  snapshot,
  waitForSnapshot,
  type TestBrowser,
} from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Hover dimming, lit-above-dimmed, labels that do not flood, and the label density setting. */
describe("viewer hover and labels", () => {
  let server: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    "dims all but the hovered node's neighbours, and lights them above the rest",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const display = (id: string) => page.evaluate((node) => window.__peacegraph!.nodeDisplay(node), id);
      const plain = await display("azerbaijan");
      expect(plain!.highlighted).toBe(false);
      const position = await page.evaluate(() => window.__peacegraph!.nodePosition("united-nations"));
      await page.mouse.move(position!.x, position!.y);
      await page.waitForFunction(
        () => window.__peacegraph!.nodeDisplay("united-nations")!.highlighted,
        null,
        {
          timeout: 20_000,
        },
      );
      // A neighbour (Guterres leads the UN) is lit and drawn on the upper layer; a stranger is dimmed.
      expect((await display("antonio-guterres"))!.highlighted).toBe(true);
      const stranger = await display("azerbaijan");
      expect(stranger!.highlighted).toBe(false);
      expect(stranger!.color).not.toBe(plain!.color);
      expect(stranger!.label).toBe("");
      await page.mouse.move(3, 300);
      await page.waitForFunction(
        () => !window.__peacegraph!.nodeDisplay("united-nations")!.highlighted,
        null,
        {
          timeout: 20_000,
        },
      );
      expect((await display("azerbaijan"))!.color).toBe(plain!.color);
      await page.close();
    },
  );

  it(
    "shows a hub's neighbours' labels without flooding, and never overlapping",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const position = await page.evaluate(() => window.__peacegraph!.nodePosition("armenia"));
      await page.mouse.move(position!.x, position!.y);
      await page.waitForFunction(() => window.__peacegraph!.nodeDisplay("armenia")!.highlighted, null, {
        timeout: 20_000,
      });
      await nextFrames(page);
      const state = await snapshot(page);
      // Armenia has more than 40 neighbours: at most ten labels are asked for, and placed without overlap.
      expect(state.labelsDrawn).toBeGreaterThan(0);
      expect(state.labelsDrawn).toBeLessThanOrEqual(10);
      // Edge labels only on the edges to those labelled neighbours: ten at most, not Armenia's forty.
      const { node } = await server.query<{
        node: { relations: { nodes: { id: string; subject: { id: string }; object: { id: string } }[] } };
      }>(
        '{ node(id: "armenia") { ... on Entity { relations(first: 100) { nodes { id subject { id } object { id } } } } } }',
      );
      expect(node.relations.nodes.length).toBeGreaterThan(30);
      const labelled = await page.evaluate(
        (relations) =>
          relations
            .filter((relation) => window.__peacegraph!.edgeDisplay(relation.id)?.label)
            .map((relation) =>
              relation.subject.id === "armenia" ? relation.object.id : relation.subject.id,
            ),
        node.relations.nodes,
      );
      const boxes = await page.evaluate(() => window.__peacegraph!.labelBoxes());
      // Every label drawn, and the hovered node's own boxed label kept free.
      expect(boxes.length).toBe(state.labelsDrawn + 1);
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1))
          expect(a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1], `${a} overlaps ${b}`).toBe(false);
      // A passing pointer labels no edge: they would crowd round the hub.
      expect(labelled).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-hover-hub.png") });
      // Selected, the hub labels the edges to its labelled neighbours: ten neighbours at most (parallel
      // relations to one neighbour each keep their label).
      await page.mouse.click(position!.x, position!.y);
      await waitForSnapshot(page, `s.selection?.id === "armenia"`);
      await page.mouse.move(3, 300);
      await waitForSnapshot(page, "!s.cameraMoving");
      const selected = await page.evaluate(
        (relations) =>
          relations
            .filter((relation) => window.__peacegraph!.edgeDisplay(relation.id)?.label)
            .map((relation) =>
              relation.subject.id === "armenia" ? relation.object.id : relation.subject.id,
            ),
        node.relations.nodes,
      );
      expect(selected.length).toBeGreaterThan(0);
      expect(new Set(selected).size).toBeLessThanOrEqual(10);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-hover-hub.png") });
      await page.close();
    },
  );

  it("draws fewer or more labels with the density setting", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/?labels=many`);
    await nextFrames(page);
    const many = (await snapshot(page)).labelsDrawn;
    await page.locator("#label-density").selectOption("few");
    const few = await waitForSnapshot(page, `s.appearance.labels === "few" && s.labelsDrawn < ${many}`);
    expect(few.labelsDrawn).toBeGreaterThan(0);
    await page.waitForFunction(() => new URL(location.href).searchParams.get("labels") === "few", null, {
      timeout: 20_000,
    });
    await page.close();
  });
});
