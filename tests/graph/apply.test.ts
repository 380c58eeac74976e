import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createGraphStore } from "../../server/api/context.ts";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { LiveGraph } from "../../server/live/live-graph.ts";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import { InvalidArgument } from "../../server/query/invalid-argument.ts";
import { RelationOrders } from "../../server/query/node-relations-page.ts";
import { resolveSettings } from "../../server/settings.ts";
import { FolderStore } from "../../server/store/folder/folder-store.ts";
import type { ChangeSet, RecordChange } from "../../server/store/types.ts";
import { WriteService } from "../../server/write/write-service.ts";
import { makeGraphData } from "../helpers/fixture.ts";
import { graphSnapshot } from "../helpers/graph-snapshot.ts";

/**
 * The incrementally updated graph equals a fresh build, after every step of a long random run of
 * writes: articles with claims, acceptances, rejections, edits (subjects, relation types, dates,
 * events), merges and undos. Dates that conflict and event dates that relations inherit are in it
 * on purpose: they are what an incremental update most easily gets wrong.
 */

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DATES = ["2023-12-07", "2023-12-08", "2023-12", "2024-01-15"];

/** An article with claims among the fixture's entities and two proposed ones of its own. */
function article(n: number, next: () => number): ChangeSet {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const id = `art-${n}`;
  const sentences: string[] = [];
  const changes: RecordChange[] = [
    {
      op: "add",
      kind: "entity",
      record: {
        id: `${id}-actor`,
        label: `Envoy ${n}`,
        type: "person",
        description: "Proposed.",
        status: "extracted",
      },
    },
    {
      op: "add",
      kind: "entity",
      record: {
        id: `${id}-event`,
        label: `Meeting ${n}`,
        type: "negotiation",
        description: "Proposed.",
        status: "extracted",
      },
    },
  ];
  const actors = ["armenia", "turkey", `${id}-actor`];
  const events = ["joint-statement", `${id}-event`];
  for (let c = 0; c < 6; c++) {
    const quote = `Sentence ${c} of article ${n} says something`;
    sentences.push(`${quote}.`);
    const base = {
      id: `${id}-c${c}`,
      source: id,
      quote,
      confidence: Math.round(next() * 100) / 100,
      status: "extracted",
    };
    const roll = next();
    let record: Record<string, unknown>;
    // The first claim repeats the fixture's "Türkiye welcomed the joint statement", at times denying it.
    if (c === 0)
      record = {
        ...base,
        subject: "turkey",
        relation: "WELCOMED",
        object: "joint-statement",
        modality: pick(["negated", "asserted"]),
      };
    else if (roll < 0.3) record = { ...base, subject: pick(events), property: "date", value: pick(DATES) };
    else if (roll < 0.5)
      record = {
        ...base,
        subject: pick(actors),
        relation: "NEGOTIATED",
        object: pick(actors.filter((a) => a !== base.id)),
      };
    else {
      const qualifiers: Record<string, unknown> = {};
      if (next() < 0.4) qualifiers.date = pick(DATES);
      if (next() < 0.3) qualifiers.event = pick(events);
      record = {
        ...base,
        subject: pick(actors),
        relation: pick(["WELCOMED", "PARTICIPATED_IN"]),
        object: pick(events),
        ...(Object.keys(qualifiers).length ? { qualifiers } : {}),
      };
    }
    // Some sources deny or only announce: negation conflicts and modality-dependent values.
    if (record.relation && c > 0 && next() < 0.3) record.modality = pick(["negated", "announced", "hedged"]);
    if (record.subject === record.object) record.object = record.subject === "armenia" ? "turkey" : "armenia";
    changes.push({
      op: "add",
      kind: "claim",
      record: record as RecordChange extends { record: infer R } ? R : never,
    });
  }
  changes.unshift({
    op: "add",
    kind: "source",
    text: sentences.join(" "),
    record: {
      id,
      title: `Article ${n}`,
      outlet: null,
      url: null,
      published: "2023-12-20",
      author: null,
      language: "en",
      added: "2026-11-26",
    },
  });
  return { action: { kind: "ingestSource", source: id }, changes };
}

describe("applying change sets in place", () => {
  it("gives the graph a fresh build gives, after every one of 80 random writes", async () => {
    const dataDir = await makeGraphData();
    const store = await FolderStore.open({ dataDir, readOnly: false, displayRoot: dataDir, watch: false });
    cleanup = async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    const settings = resolveSettings({ layout: { iterations: 0 } });
    const live = LiveGraph.fromSnapshot(await store.load(), settings.layout);
    // Every node's relation pages read through kept sorted orders, which each write must drop where
    // it touched them; the fresh build below sorts per request, so stale orders would show.
    live.current.relationOrders = new RelationOrders({ minDegree: 1, maxOrders: 10_000 });
    live.follow(store);
    const writes = new WriteService(store, live, settings.limits);
    const next = random(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const as = { author: "tester" };
    const counts = new Map<string, number>();
    let negationsSeen = 0;

    for (let step = 0; step < 80; step++) {
      const { knowledge } = live.current;
      const claims = [...knowledge.claimsById.values()].filter((claim) => claim.source !== "demo");
      const proposed = [...knowledge.model.entities.values()].filter(
        (entity) => entity.status === "extracted",
      );
      const roll = next();
      let kind: string;
      try {
        if (roll < 0.15 || claims.length === 0) {
          kind = "ingest";
          await store.commit(article(step, next), as);
        } else if (roll < 0.35) {
          kind = "accept";
          await writes.reviewClaim(
            as,
            pick(claims.filter((claim) => claim.status === "extracted")).id,
            "accept",
          );
        } else if (roll < 0.5) {
          kind = "reject";
          await writes.reviewClaim(as, pick(claims).id, "reject", "random");
        } else if (roll < 0.7) {
          kind = "edit";
          const claim = pick(claims);
          const edit =
            claim.form === "attribute"
              ? {
                  subject: pick([
                    "joint-statement",
                    ...proposed.filter((e) => e.kind === "event").map((e) => e.id),
                  ]),
                }
              : next() < 0.4
                ? { qualifiers: { date: pick(DATES), ...(next() < 0.5 ? { event: "joint-statement" } : {}) } }
                : next() < 0.5
                  ? { modality: pick(["ASSERTED", "NEGATED", "ANNOUNCED"]) }
                  : { subject: pick(["armenia", "turkey"]) };
          await writes.editClaim(as, claim.id, edit);
        } else if (roll < 0.8 && proposed.length > 0) {
          kind = "merge";
          const entity = pick(proposed);
          await writes.mergeEntity(as, entity.id, entity.kind === "event" ? "joint-statement" : "armenia");
        } else {
          kind = "undo";
          const undoable = live.journal
            .latest(20)
            .filter((change) => change.action.kind !== "ingestSource" && change.action.kind !== "undo");
          if (undoable.length === 0) continue;
          await writes.undoChange(as, pick(undoable).id);
        }
      } catch (error) {
        // A write the planners refuse (a merge that would relate an entity to itself, an edit that
        // changes nothing) is fine here; anything else is not.
        if (error instanceof InvalidArgument || (error instanceof Error && error.name === "InvalidArgument"))
          continue;
        throw error;
      }
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      const fresh = createGraphStore(
        buildKnowledgeGraph(await loadGraphDataStrict(dataDir, dataDir)),
        settings.layout,
      );
      const live_ = graphSnapshot(live.current);
      expect(live_, `after step ${step} (${kind})`).toEqual(graphSnapshot(fresh));
      expect(live_.positioned).toBe(true);
      expect(live_.typeListsInDateOrder).toBe(true);
      if (live.current.knowledge.conflicts.some((conflict) => conflict.kind === "negation")) negationsSeen++;
    }
    // The run must have exercised every kind of write, with conflicts along the way.
    for (const kind of ["ingest", "accept", "reject", "edit", "merge", "undo"])
      expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(1);
    expect(live.current.knowledge.conflicts.length).toBeGreaterThan(0);
    expect(negationsSeen, "negation conflicts came and went").toBeGreaterThan(0);
  }, 120_000);
});
