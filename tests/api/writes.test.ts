import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import { makeGraphData } from "../helpers/fixture.ts";
import { secondSource } from "../store/records.ts";
import { startWriteServer, TOKEN, type WriteServer } from "../helpers/write-server.ts";

let server: WriteServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A server over the minimal fixture plus one ingested source awaiting review. */
async function reviewing(settings = {}) {
  server = await startWriteServer({ seed: [secondSource()], settings });
  return server;
}

const REVIEW = `mutation ($id: ID!, $decision: ReviewDecision!, $note: String, $key: String) {
  reviewClaim(id: $id, decision: $decision, note: $note, idempotencyKey: $key) {
    id status review { decision author note time change { id action author } } history { action author }
  }
}`;

const journal = (dir: string) =>
  readFileSync(path.join(dir, "reviews/journal.jsonl"), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));

async function problemsOf(dir: string) {
  return (await loadGraphData(dir, dir)).problems;
}

describe("who may write", () => {
  it("answers 401 to a mutation without the token or with a wrong one, and keeps reads open", async () => {
    const { post } = await reviewing();
    const mutation = { query: REVIEW, variables: { id: "second-welcomed", decision: "ACCEPT" } };
    const missing = await post(mutation, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="peacegraph"');
    expect(missing.json.errors?.[0]).toMatchObject({
      message: "writes need the write token: send Authorization: Bearer <token>",
      extensions: { code: "UNAUTHENTICATED" },
    });
    const wrong = await post(mutation, { token: `${TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.json.errors?.[0]?.message).toBe("the write token is wrong");
    const read = await post(
      { query: '{ node(id: "second-welcomed") { ... on Claim { status } } }' },
      { token: null, author: null },
    );
    expect(read.json).toMatchObject({ data: { node: { status: "EXTRACTED" } } });
  });

  it("needs an author name, percent-encoded, and records it", async () => {
    const { post, dataDir } = await reviewing();
    const mutation = { query: REVIEW, variables: { id: "second-welcomed", decision: "ACCEPT" } };
    const anonymous = await post(mutation, { author: null });
    expect(anonymous.status).toBe(400);
    expect(anonymous.json.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argumentName: "x-peacegraph-author" },
    });
    const forged = await post(mutation, { author: "Ana\nBen" });
    expect(forged.json.errors?.[0]?.message).toContain("must not contain control characters");
    const ok = await post(mutation, { author: "Անահիտ Ալիևա" });
    expect(ok.json.errors).toBeUndefined();
    expect(journal(dataDir).at(-1).author).toBe("Անահիտ Ալիևա");
  });

  it("refuses a mutation from another web origin (CSRF) and accepts one from its own", async () => {
    const { post, url } = await reviewing();
    const mutation = { query: REVIEW, variables: { id: "second-welcomed", decision: "ACCEPT" } };
    const evil = await post(mutation, { headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.json.errors?.[0]?.message).toMatch(/another web origin/);
    const own = await post(mutation, { headers: { origin: new URL(url).origin } });
    expect(own.json.errors).toBeUndefined();
    // Apollo's own CSRF prevention also stands: a form-encoded POST never reaches the resolvers.
    const form = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${TOKEN}` },
      body: "query=mutation{undoChange(id:%22x%22){id}}",
    });
    expect(form.status).toBe(400);
  });

  it("takes no writes without a configured token, nor when opened read-only", async () => {
    const dataDir = await makeGraphData();
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    server = await startWriteServer({ dataDir, seed: [secondSource()], settings: { writeToken: null } });
    const mutation = { query: REVIEW, variables: { id: "second-welcomed", decision: "ACCEPT" } };
    const none = await server.post(mutation);
    expect(none.status).toBe(403);
    expect(none.json.errors?.[0]?.message).toMatch(/no write token is configured/);
    await server.stop();
    server = await startWriteServer({ dataDir, readOnly: true });
    const readOnly = await server.post(mutation);
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.errors?.[0]?.message).toMatch(/read-only/);
    const status = await server.post({ query: "{ writeStatus { writable store } }" });
    expect(status.json.data).toEqual({ writeStatus: { writable: false, store: "folder" } });
  });

  it("caps mutations per client and minute with 429 and Retry-After", async () => {
    const { post } = await reviewing({ limits: { mutationsPerMinute: 2 } });
    const note = (n: number) => ({
      query: REVIEW,
      variables: { id: "second-welcomed", decision: "ACCEPT", note: `${n}` },
    });
    expect((await post(note(1))).status).toBe(200);
    expect((await post(note(2))).status).toBe(200); // refused as already curated, but counted
    const third = await post(note(3));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(third.json.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    // Reads are not rate limited.
    expect((await post({ query: "{ stats { claims } }" })).status).toBe(200);
  });

  it("lets only a token holder send a large body, and caps that too", async () => {
    const { post } = await reviewing({ limits: { maxWriteBodyBytes: 200_000 } });
    const big = { query: `{ stats { claims } } # ${"x".repeat(150_000)}` };
    expect((await post(big, { token: null })).status).toBe(413);
    expect((await post(big)).status).not.toBe(413);
    const huge = { query: `{ stats { claims } } # ${"x".repeat(250_000)}` };
    const refused = await post(huge);
    expect(refused.status).toBe(413);
    expect(refused.json.errors?.[0]?.message).toMatch(/over the limit of 200000/);
  });
});

describe("reviewing claims", () => {
  it("accepts a claim: curated, who and when recorded, on disk, in the journal, visible at once", async () => {
    const { write, dataDir, post } = await reviewing();
    const { reviewClaim } = await write<{ reviewClaim: Record<string, unknown> }>(REVIEW, {
      id: "second-welcomed",
      decision: "ACCEPT",
    });
    expect(reviewClaim).toMatchObject({
      status: "CURATED",
      review: {
        decision: "ACCEPT",
        author: "Ana",
        note: null,
        change: { action: "REVIEW_CLAIM", author: "Ana" },
      },
      history: [
        { action: "INGEST_SOURCE", author: "fixture" },
        { action: "REVIEW_CLAIM", author: "Ana" },
      ],
    });
    expect(Date.now() - Date.parse((reviewClaim.review as { time: string }).time)).toBeLessThan(60_000);
    expect(readFileSync(path.join(dataDir, "claims/second.jsonl"), "utf8")).toContain('"status":"curated"');
    expect(journal(dataDir).at(-1)).toMatchObject({
      author: "Ana",
      action: { kind: "reviewClaim", claim: "second-welcomed", decision: "accept" },
      changes: [{ op: "update", previous: { status: "extracted" }, record: { status: "curated" } }],
    });
    const queue = await post({ query: "{ reviewQueue { source { id } pendingCount reviewedCount } }" });
    expect(queue.json.data).toEqual({
      reviewQueue: [{ source: { id: "second" }, pendingCount: 1, reviewedCount: 1 }],
    });
    expect(await problemsOf(dataDir)).toEqual([]);
  });

  it("rejects a claim: it leaves the graph and its relation, the journal keeps it with the reason", async () => {
    const { write, post, dataDir } = await reviewing();
    const before = await post({
      query: '{ node(id: "turkey--WELCOMED--joint-statement") { ... on Relation { corroboration } } }',
    });
    expect(before.json.data).toEqual({ node: { corroboration: 2 } });
    const { reviewClaim } = await write<{ reviewClaim: Record<string, unknown> }>(REVIEW, {
      id: "second-welcomed",
      decision: "REJECT",
      note: "  not what the text says  ",
    });
    expect(reviewClaim).toMatchObject({
      id: "second-welcomed",
      review: { decision: "REJECT", note: "not what the text says" },
    });
    const after = await post({
      query:
        '{ claim: node(id: "second-welcomed") { id } relation: node(id: "turkey--WELCOMED--joint-statement") { ... on Relation { corroboration } } }',
    });
    expect(after.json.data).toEqual({ claim: null, relation: { corroboration: 1 } });
    expect(readFileSync(path.join(dataDir, "claims/second.jsonl"), "utf8")).not.toContain("second-welcomed");
    expect(journal(dataDir).at(-1).changes[0]).toMatchObject({
      op: "remove",
      previous: { id: "second-welcomed", quote: "Türkiye welcomed the joint statement" },
    });
    expect(await problemsOf(dataDir)).toEqual([]);
  });

  it("names the argument of every refusal", async () => {
    const { post } = await reviewing();
    const refusal = async (query: string, variables: Record<string, unknown>) =>
      (await post({ query, variables })).json.errors?.[0];
    expect(await refusal(REVIEW, { id: "nope", decision: "ACCEPT" })).toMatchObject({
      message: 'id: no claim "nope"',
      extensions: { code: "BAD_USER_INPUT", argumentName: "id" },
    });
    expect(await refusal(REVIEW, { id: "demo-issued", decision: "ACCEPT" })).toMatchObject({
      message: 'id: claim "demo-issued" is already curated',
    });
    expect(
      await refusal(REVIEW, { id: "second-welcomed", decision: "ACCEPT", note: "x".repeat(1001) }),
    ).toMatchObject({
      extensions: { argumentName: "note" },
    });
    expect(
      await refusal(REVIEW, { id: "second-welcomed", decision: "ACCEPT", key: "has space" }),
    ).toMatchObject({
      extensions: { argumentName: "idempotencyKey" },
    });
    expect(
      await refusal(REVIEW, { id: "second-welcomed", decision: "ACCEPT", key: "k".repeat(201) }),
    ).toMatchObject({ message: "idempotencyKey: must be 1 to 200 visible ASCII characters, such as a UUID" });
    // A claim written by hand in YAML is changed in its file, not through the API.
    expect(await refusal(REVIEW, { id: "demo-issued", decision: "REJECT" })).toMatchObject({
      message: "id: demo-issued is written by hand in claims/demo.yaml: change it in that file",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("takes a retried idempotency key once, and refuses the key for another request", async () => {
    const { post, dataDir } = await reviewing();
    const send = (decision: string) =>
      post({ query: REVIEW, variables: { id: "second-welcomed", decision, key: "4f1c2b6e-retry" } });
    const [first, retry] = [await send("ACCEPT"), await send("ACCEPT")];
    expect(first.json.errors).toBeUndefined();
    expect(retry.json).toEqual(first.json);
    expect(journal(dataDir)).toHaveLength(2);
    const other = await send("REJECT");
    expect(other.json.errors?.[0]).toMatchObject({
      message: "idempotencyKey: this idempotency key was already used for a different request",
      extensions: { code: "BAD_USER_INPUT", argumentName: "idempotencyKey" },
    });
  });

  it("answers 409 when the claims file changed on disk under it", async () => {
    const { post, dataDir } = await reviewing();
    const file = path.join(dataDir, "claims/second.jsonl");
    writeFileSync(file, readFileSync(file, "utf8").replace('"confidence":0.7', '"confidence":0.75'));
    const answer = await post({ query: REVIEW, variables: { id: "second-welcomed", decision: "ACCEPT" } });
    expect(answer.status).toBe(409);
    expect(answer.json.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" } });
    expect(answer.json.errors?.[0]?.message).toMatch(/changed on disk/);
  });
});

const EDIT = `mutation ($id: ID!, $edit: ClaimEdit!) {
  editClaim(id: $id, edit: $edit) { id quote quoteStart subject { id } object { id } relationType { id } qualifiers { role } relation { id } }
}`;

describe("editing claims", () => {
  it("corrects subject, relation, object, quote span and qualifiers, checked as on load", async () => {
    const { write, post, dataDir } = await reviewing();
    const text = (await post({ query: '{ node(id: "second") { ... on Source { text } } }' })).json.data as {
      node: { text: string };
    };
    const start = text.node.text.indexOf("Armenia issued");
    const quote = "Armenia issued a statement";
    const { editClaim } = await write<{ editClaim: Record<string, unknown> }>(EDIT, {
      id: "second-welcomed",
      edit: {
        subject: "armenia",
        relation: "ISSUED",
        object: "joint-statement",
        quoteStart: start,
        quoteEnd: start + quote.length,
        qualifiers: { role: "co-author" },
      },
    });
    expect(editClaim).toEqual({
      id: "second-welcomed",
      quote,
      quoteStart: start,
      subject: { id: "armenia" },
      object: { id: "joint-statement" },
      relationType: { id: "ISSUED" },
      qualifiers: { role: "co-author" },
      relation: { id: "armenia--ISSUED--joint-statement" },
    });
    expect(journal(dataDir).at(-1).action).toEqual({
      kind: "editClaim",
      claim: "second-welcomed",
      fields: ["subject", "relation", "object", "qualifiers", "quote"],
      note: null,
    });
    expect(await problemsOf(dataDir)).toEqual([]);
  });

  it("refuses an edit that would not validate, naming the field", async () => {
    const { post } = await reviewing();
    const refusal = async (edit: Record<string, unknown>, id = "second-welcomed") =>
      (await post({ query: EDIT, variables: { id, edit } })).json.errors?.[0];
    expect(await refusal({ relation: "APPLAUDED" })).toMatchObject({
      message: 'edit.relation: unknown relation "APPLAUDED" (see vocabulary/relations.yaml)',
      extensions: { argumentName: "edit.relation" },
    });
    expect(await refusal({ object: "armenia" })).toMatchObject({
      extensions: { argumentName: "edit.object" },
      message: expect.stringContaining("WELCOMED needs an object of kind"),
    });
    expect(await refusal({ subject: "nobody" })).toMatchObject({
      message: 'edit.subject: dangling reference: no entity "nobody"',
    });
    expect(await refusal({ quoteStart: 5, quoteEnd: 100_000 })).toMatchObject({
      extensions: { argumentName: "edit.quoteEnd" },
    });
    expect(await refusal({ quoteStart: 5 })).toMatchObject({
      message: "edit.quoteEnd: give both quoteStart and quoteEnd",
    });
    expect(await refusal({ qualifiers: { place: "turkey" } })).toMatchObject({
      message: expect.stringMatching(/^edit.qualifiers.place: "turkey" \(actor\/state\) is not a place/),
    });
    expect(await refusal({ qualifiers: { date: "2023-02-30" } })).toMatchObject({
      extensions: { argumentName: "edit.qualifiers.date" },
    });
    expect(await refusal({})).toMatchObject({ message: "edit: gives nothing to change" });
    expect(await refusal({ subject: "turkey" })).toMatchObject({
      message: 'edit: changes nothing in claim "second-welcomed"',
    });
    expect(await refusal({ relation: "ISSUED" }, "second-date")).toMatchObject({
      message: 'edit.relation: claim "second-date" gives a date, not a relation',
    });
  });
});

describe("the quote-span cap", () => {
  it("refuses a quote longer than the server allows, naming quoteEnd", async () => {
    const { post } = await reviewing({ limits: { maxQuoteChars: 10 } });
    const { json } = await post({
      query: EDIT,
      variables: { id: "second-welcomed", edit: { quoteStart: 0, quoteEnd: 20 } },
    });
    expect(json.errors?.[0]).toMatchObject({
      message: "edit.quoteEnd: a quote is at most 10 characters, this one is 20",
      extensions: { code: "BAD_USER_INPUT", argumentName: "edit.quoteEnd" },
    });
  });
});

describe("proposed entities", () => {
  const MERGE = `mutation ($id: ID!, $into: ID!) { mergeEntity(id: $id, into: $into) { id label } }`;
  const withAzerbaijanClaim = () => {
    const changeSet = secondSource();
    changeSet.changes.push({
      op: "add",
      kind: "claim",
      record: {
        id: "second-azerbaijan-issued",
        source: "second",
        subject: "second-azerbaijan",
        relation: "WELCOMED",
        object: "joint-statement",
        quote: "welcomed the joint statement",
        confidence: 0.6,
        status: "extracted",
      },
    });
    return changeSet;
  };

  it("lists proposals, and merges one into an existing entity: its claims follow", async () => {
    server = await startWriteServer({ seed: [withAzerbaijanClaim()] });
    const { post, write, dataDir } = server;
    const listed = await post({ query: "{ proposedEntities { id label } }" });
    expect(listed.json.data).toEqual({
      proposedEntities: [{ id: "second-azerbaijan", label: "Azerbaijan" }],
    });
    const { mergeEntity } = await write<{ mergeEntity: unknown }>(MERGE, {
      id: "second-azerbaijan",
      into: "armenia",
    });
    expect(mergeEntity).toEqual({ id: "armenia", label: "Armenia" });
    const after = await post({
      query:
        '{ gone: node(id: "second-azerbaijan") { id } claim: node(id: "second-azerbaijan-issued") { ... on Claim { subject { id } } } proposedEntities { id } }',
    });
    expect(after.json.data).toEqual({
      gone: null,
      claim: { subject: { id: "armenia" } },
      proposedEntities: [],
    });
    expect(readFileSync(path.join(dataDir, "entities/proposed.jsonl"), "utf8")).toBe("");
    expect(await problemsOf(dataDir)).toEqual([]);
  });

  it("refuses a merge of a curated entity, into itself, or across kinds", async () => {
    server = await startWriteServer({ seed: [withAzerbaijanClaim()] });
    const refusal = async (id: string, into: string) =>
      (await server!.post({ query: MERGE, variables: { id, into } })).json.errors?.[0];
    expect(await refusal("turkey", "armenia")).toMatchObject({
      extensions: { argumentName: "id" },
      message: expect.stringContaining("not a proposed entity"),
    });
    expect(await refusal("second-azerbaijan", "second-azerbaijan")).toMatchObject({
      extensions: { argumentName: "into" },
    });
    expect(await refusal("second-azerbaijan", "joint-statement")).toMatchObject({
      message: 'into: "joint-statement" is an event, "second-azerbaijan" an actor',
    });
    expect(await refusal("second-azerbaijan", "nowhere")).toMatchObject({
      message: 'into: no entity "nowhere"',
    });
  });

  it("rejects a proposal with the claims that name it, and undoes that", async () => {
    server = await startWriteServer({ seed: [withAzerbaijanClaim()] });
    const { write, post, dataDir } = server;
    const { reviewEntity } = await write<{
      reviewEntity: { id: string; claims: string[]; entities: string[] };
    }>(
      `mutation { reviewEntity(id: "second-azerbaijan", decision: REJECT, note: "not an actor") { id claims entities } }`,
    );
    expect(reviewEntity).toMatchObject({
      claims: ["second-azerbaijan-issued"],
      entities: ["second-azerbaijan"],
    });
    expect((await post({ query: '{ node(id: "second-azerbaijan-issued") { id } }' })).json.data).toEqual({
      node: null,
    });
    await write(`mutation ($id: ID!) { undoChange(id: $id) { action undoes { id } } }`, {
      id: reviewEntity.id,
    });
    expect((await post({ query: '{ node(id: "second-azerbaijan-issued") { id } }' })).json.data).toEqual({
      node: { id: "second-azerbaijan-issued" },
    });
    expect(await problemsOf(dataDir)).toEqual([]);
  });
});

describe("undo", () => {
  const UNDO = `mutation ($id: ID!) { undoChange(id: $id) { id action undoes { id undoneBy { id } } } }`;

  it("brings a rejected claim back, reverses an edit, and refuses to undo twice", async () => {
    const { write, post, dataDir } = await reviewing();
    const rejected = await write<{ reviewClaim: { history: { action: string }[] } }>(REVIEW, {
      id: "second-welcomed",
      decision: "REJECT",
    });
    expect(rejected.reviewClaim.history.at(-1)).toEqual({ action: "REVIEW_CLAIM", author: "Ana" });
    const [change] = (await post({ query: "{ changes(first: 1) { id action } }" })).json.data!.changes as {
      id: string;
    }[];
    const { undoChange } = await write<{
      undoChange: { id: string; undoes: { id: string; undoneBy: { id: string } } };
    }>(UNDO, {
      id: change!.id,
    });
    expect(undoChange.undoes).toEqual({ id: change!.id, undoneBy: { id: undoChange.id } });
    const back = await post({
      query: '{ node(id: "second-welcomed") { ... on Claim { status review { decision } } } }',
    });
    expect(back.json.data).toEqual({ node: { status: "EXTRACTED", review: null } });
    const twice = await post({ query: UNDO, variables: { id: change!.id } });
    expect(twice.json.errors?.[0]?.message).toBe(
      `id: change "${change!.id}" was already undone by change "${undoChange.id}"`,
    );

    const edited = await write<{ editClaim: { id: string } }>(EDIT, {
      id: "second-welcomed",
      edit: { subject: "armenia" },
    });
    expect(edited.editClaim.id).toBe("second-welcomed");
    const [edit] = (await post({ query: "{ changes(first: 1) { id } }" })).json.data!.changes as {
      id: string;
    }[];
    await write(UNDO, { id: edit!.id });
    const restored = await post({
      query: '{ node(id: "second-welcomed") { ... on Claim { subject { id } } } }',
    });
    expect(restored.json.data).toEqual({ node: { subject: { id: "turkey" } } });
    const ingest = journal(dataDir)[0].id as string;
    expect((await post({ query: UNDO, variables: { id: ingest } })).json.errors?.[0]?.message).toBe(
      "id: an ingested article is not undone; reject its claims instead",
    );
    expect(await problemsOf(dataDir)).toEqual([]);
  });
});

describe("live changes", () => {
  it("streams a commit to /events with the ids it touched", async () => {
    const { url, write, live } = await reviewing();
    const controller = new AbortController();
    const response = await fetch(`${url}/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    const until = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}: ${received}`);
        received += value;
      }
    };
    await until(/event: hello\ndata: \{"position":1\}/);
    await write(REVIEW, { id: "second-welcomed", decision: "ACCEPT" });
    await until(/event: commit\n/);
    const data = JSON.parse(/event: commit\ndata: (.*)\n/.exec(received)![1]!);
    expect(data).toMatchObject({
      position: 2,
      kind: "commit",
      touched: { claim: ["second-welcomed"], relation: ["turkey--WELCOMED--joint-statement"] },
      change: { author: "Ana", action: "reviewClaim" },
    });
    expect(live.position).toBe(2);
    controller.abort();
  });

  it("keeps a quiet stream open past the idle timeout that closes idle connections", async () => {
    const { url, write } = await reviewing({ http: { idleTimeoutMs: 1_500, requestTimeoutMs: 30_000 } });
    const controller = new AbortController();
    const response = await fetch(`${url}/events`, { signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    // Four heartbeats (one every 500 ms): longer than the idle timeout, and the connection is still there.
    while ((received.match(/: keep-alive/g) ?? []).length < 4) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream was closed: ${received}`);
      received += value;
    }
    await write(REVIEW, { id: "second-welcomed", decision: "ACCEPT" });
    while (!received.includes("event: commit")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream was closed: ${received}`);
      received += value;
    }
    controller.abort();
  });

  it("refuses viewers past the stream limit", async () => {
    const { url } = await reviewing({ limits: { maxEventStreams: 1 } });
    const controller = new AbortController();
    const first = await fetch(`${url}/events`, { signal: controller.signal });
    expect(first.status).toBe(200);
    const second = await fetch(`${url}/events`);
    expect(second.status).toBe(503);
    controller.abort();
  });
});
