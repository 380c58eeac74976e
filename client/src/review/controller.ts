import { el } from "../dom.ts";
import type { Suggestion } from "./autocomplete.ts";
import { claimCard, claimList, sourceHeader } from "./claim-view.ts";
import { askEdit, askMergeTarget, askRejectReason, type Suggesters } from "./dialogs.ts";
import * as Q from "./documents.ts";
import { ingestForm, proposedEntities, sourceQueue, type ArticleInput } from "./panels.ts";
import { describeFailure, type ReviewApi } from "./session.ts";
import { firstCursor, initialState, itemsFor, nextPending, progress, type ReviewState } from "./state.ts";

type HistoryAnswer = { history: { id: string; action: string; author: string }[] };

/**
 * The review page: state in, DOM out, one action at a time. Every decision goes to the API, which
 * answers once it is durable; the page then reads the source again, so what it shows is what the
 * graph holds. Keys: a accept, r reject, e edit, s skip, u undo, j/k next/previous.
 */
export class ReviewPage {
  readonly state: ReviewState = initialState();
  private chain: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private relationTypes: Suggestion[] | null = null;
  /** Built once, so an article being pasted survives the page redrawing around it. */
  private ingestPanel: HTMLElement | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ReviewApi,
  ) {}

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Runs actions one after another, in the order their keys were pressed. */
  run(action: () => Promise<void>): Promise<void> {
    this.pending++;
    const next = this.chain.then(action).catch((error: unknown) => {
      this.state.message = { text: describeFailure(error), kind: "error" };
    });
    this.chain = next.finally(() => {
      this.pending--;
      this.render();
    });
    return this.chain as Promise<void>;
  }

  async loadQueue(): Promise<void> {
    const data = await this.api.read<{
      reviewQueue: Q.QueueSource[];
      proposedEntities: Q.EntityRef[];
      writeStatus: { writable: boolean; limits: { maxArticleChars: number } };
    }>(Q.QUEUE);
    this.state.queue = data.reviewQueue;
    this.state.proposed = data.proposedEntities;
    this.state.writable = data.writeStatus.writable;
    this.state.maxArticleChars = data.writeStatus.limits.maxArticleChars;
  }

  async openSource(id: string): Promise<void> {
    const keep = this.state.source?.id === id;
    const { node } = await this.api.read<{ node: Q.ReviewSourceData | null }>(Q.SOURCE, { id });
    if (!node) throw new Error(`source ${id} is gone`);
    const current = this.state.items[this.state.cursor]?.id;
    this.state.source = node;
    this.state.items = itemsFor(node, keep ? this.state.items : []);
    const index = keep ? this.state.items.findIndex((item) => item.id === current) : -1;
    this.state.cursor = index >= 0 ? index : firstCursor(this.state.items);
  }

  /** Reads the queue and the open source again (after a write, or one by someone else). */
  async refresh(): Promise<void> {
    await this.loadQueue();
    const open = this.state.source?.id ?? this.state.queue[0]?.source.id;
    if (open) await this.openSource(open);
  }

  private current() {
    const item = this.state.items[this.state.cursor];
    if (!item?.claim) throw new Error("this claim has left the graph: move on with j or k, or undo with u");
    return { item, claim: item.claim };
  }

  private mine(answer: HistoryAnswer): string {
    const change = answer.history.filter((entry) => entry.author === this.api.session.author).at(-1);
    if (!change) throw new Error("the change this page made is missing from the claim's history");
    return change.id;
  }

  private advance(): void {
    const next = nextPending(this.state.items, this.state.cursor);
    if (next >= 0) this.state.cursor = next;
    else this.state.message = { text: "Every claim of this source is reviewed.", kind: "info" };
  }

  accept = () =>
    this.run(async () => {
      const { item, claim } = this.current();
      const answer = await this.api.write<{ reviewClaim: HistoryAnswer }>(Q.REVIEW, {
        id: claim.id,
        decision: "ACCEPT",
      });
      this.state.undo.push({
        change: this.mine(answer.reviewClaim),
        label: `accept ${claim.id}`,
        target: claim.id,
      });
      item.done = "accepted";
      await this.refresh();
      this.state.message = null;
      this.advance();
    });

  reject = () =>
    this.run(async () => {
      const { item, claim } = this.current();
      const note = await askRejectReason();
      if (note === null) return;
      const answer = await this.api.write<{ reviewClaim: HistoryAnswer }>(Q.REVIEW, {
        id: claim.id,
        decision: "REJECT",
        note: note || null,
      });
      this.state.undo.push({
        change: this.mine(answer.reviewClaim),
        label: `reject ${claim.id}`,
        target: claim.id,
      });
      item.done = "rejected";
      await this.refresh();
      this.state.message = null;
      this.advance();
    });

  edit = () =>
    this.run(async () => {
      const { item, claim } = this.current();
      const edit = await askEdit(claim, this.suggesters);
      if (edit === null) return;
      if (Object.keys(edit).length === 0) {
        this.state.message = { text: "Nothing was changed.", kind: "info" };
        return;
      }
      const answer = await this.api.write<{ editClaim: HistoryAnswer }>(Q.EDIT, { id: claim.id, edit });
      this.state.undo.push({
        change: this.mine(answer.editClaim),
        label: `edit ${claim.id}`,
        target: claim.id,
      });
      item.done = "edited";
      await this.refresh();
      this.state.message = { text: "Edited. Press a to accept it as corrected.", kind: "info" };
    });

  skip = () =>
    this.run(async () => {
      const { item } = this.current();
      item.done = "skipped";
      this.advance();
    });

  undo = () =>
    this.run(async () => {
      const step = this.state.undo.pop();
      if (!step) {
        this.state.message = { text: "Nothing to undo.", kind: "info" };
        return;
      }
      await this.api.write(Q.UNDO, { id: step.change });
      const id = step.target;
      const item = this.state.items.find((candidate) => candidate.id === id);
      if (item) item.done = null;
      await this.refresh();
      const index = this.state.items.findIndex((candidate) => candidate.id === id);
      if (index >= 0) this.state.cursor = index;
      this.state.message = { text: `Undone: ${step.label}.`, kind: "info" };
    });

  move = (step: 1 | -1) =>
    this.run(async () => {
      const count = this.state.items.length;
      if (count > 0) this.state.cursor = (this.state.cursor + step + count) % count;
    });

  private merge(entity: Q.EntityRef) {
    return this.run(async () => {
      const into = await askMergeTarget(entity, this.suggesters);
      if (!into) return;
      await this.api.write(Q.MERGE, { id: entity.id, into });
      const { changes } = await this.api.read<{
        changes: { id: string; action: string; author: string; entities: string[] }[];
      }>(`{ changes(first: 10) { id action author entities } }`);
      const change = changes.find(
        (candidate) => candidate.action === "MERGE_ENTITY" && candidate.entities.includes(entity.id),
      );
      if (change) this.state.undo.push({ change: change.id, label: `merge ${entity.id}`, target: entity.id });
      await this.refresh();
      this.state.message = { text: `Merged ${entity.label} into ${into}.`, kind: "info" };
    });
  }

  private reviewEntity(entity: Q.EntityRef, decision: "ACCEPT" | "REJECT") {
    return this.run(async () => {
      const { reviewEntity } = await this.api.write<{ reviewEntity: { id: string } }>(Q.REVIEW_ENTITY, {
        id: entity.id,
        decision,
      });
      this.state.undo.push({
        change: reviewEntity.id,
        label: `${decision.toLowerCase()} ${entity.id}`,
        target: entity.id,
      });
      await this.refresh();
    });
  }

  private ingest(input: ArticleInput) {
    return this.run(async () => {
      const { ingestSource } = await this.api.write<{
        ingestSource: {
          source: { id: string; title: string };
          claims: { id: string }[];
          proposedEntities: { label: string }[];
        };
      }>(Q.INGEST, { input });
      await this.loadQueue();
      await this.openSource(ingestSource.source.id);
      const proposed = ingestSource.proposedEntities.map((entity) => entity.label).join(", ");
      this.state.message = {
        text: `Read "${ingestSource.source.title}": ${ingestSource.claims.length} claims to review${proposed ? `; proposed entities: ${proposed}` : ""}.`,
        kind: "info",
      };
    });
  }

  readonly suggesters: Suggesters = {
    entities: async (text, kind) => {
      const { search } = await this.api.read<{ search: { matched: string; node: Q.EntityRef }[] }>(
        Q.ENTITY_SEARCH,
        { text },
      );
      return search
        .filter((hit) => !kind || hit.node.kind === kind)
        .map((hit) => ({
          value: hit.node.id,
          label: hit.node.label,
          detail: `${hit.node.typeLabel} · ${hit.node.id}`,
        }));
    },
    relationTypes: async (text) => {
      if (!this.relationTypes) {
        const { relationTypes } = await this.api.read<{ relationTypes: { id: string; label: string }[] }>(
          Q.RELATION_TYPES,
        );
        this.relationTypes = relationTypes.map((type) => ({
          value: type.id,
          label: type.id,
          detail: type.label,
        }));
      }
      const folded = text.toUpperCase().replace(/\s+/g, "_");
      return this.relationTypes
        .filter(
          (type) => type.value.includes(folded) || type.detail.toLowerCase().includes(text.toLowerCase()),
        )
        .slice(0, 8);
    },
  };

  render(): void {
    const { state } = this;
    const { source } = state;
    const main = el("main", { className: "review-main" });
    if (source) {
      const { reviewed, total } = progress(state);
      const item = state.items[state.cursor];
      main.append(
        sourceHeader(source, reviewed, total),
        item ? claimCard(item, source) : el("p", { text: "This source has no claims." }),
        el("p", {
          className: "keys",
          text: "a accept · r reject · e edit · s skip · u undo · j/k next/previous",
        }),
        claimList(state),
      );
    } else
      main.append(el("p", { className: "muted", text: "Pick a source to review, or paste an article." }));
    const message = state.message
      ? el("p", {
          className: `message ${state.message.kind}`,
          attrs: { role: "alert" },
          text: state.message.text,
        })
      : null;
    const aside = el(
      "aside",
      { className: "review-aside" },
      sourceQueue(state.queue, source?.id ?? null, (id) => void this.run(() => this.openSource(id))),
      proposedEntities(state.proposed, {
        merge: (entity) => void this.merge(entity),
        accept: (entity) => void this.reviewEntity(entity, "ACCEPT"),
        reject: (entity) => void this.reviewEntity(entity, "REJECT"),
      }),
      (this.ingestPanel ??= ingestForm(state.maxArticleChars, (input) => void this.ingest(input))),
    );
    const header = this.root.querySelector(".review-header");
    const body = el("div", { className: "review-body" }, aside, main);
    this.root.replaceChildren(...[header, message, body].filter((node): node is Element => node !== null));
    this.root.querySelector(".claim-row.current")?.scrollIntoView({ block: "nearest" });
  }
}
