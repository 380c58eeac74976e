import { createGraphStore, type GraphStore } from "../api/context.ts";
import { buildKnowledgeGraph } from "../graph/build.ts";
import type { LayoutOptions } from "../layout/layout.ts";
import type { Problem } from "../model/problems.ts";
import { touchedIds } from "../store/journal-format.ts";
import type { JournalEntry, Store, StoreEvent, StoreSnapshot } from "../store/types.ts";
import { applyDelta } from "./apply-delta.ts";
import { JournalIndex } from "./journal-index.ts";
import { DeltaError, recordDelta } from "./record-delta.ts";
import { ListenerSet } from "../store/listener-set.ts";

/** What changed in the running graph, for clients that keep a copy (the viewer's live updates). */
export interface GraphChange {
  position: number;
  /** commit: the ids it touched; reload: everything may have changed; invalid: nothing did. */
  kind: "commit" | "reload" | "invalid";
  touched: ReturnType<typeof touchedIds> & { relation: string[] };
  /** The change set's id, author and time, for a commit. */
  change?: { id: string; author: string; time: string; action: JournalEntry["action"]["kind"] };
  /** Files that changed outside the server, for a reload or an invalid edit. */
  files?: string[];
  problems?: string[];
}

const NOTHING = () => ({ source: [], entity: [], claim: [], relation: [] });

/**
 * The graph the API serves, kept current: committed change sets are applied in place as the store
 * delivers them (the writer's own and, for shared stores, other replicas'), outside edits replace it
 * whole once they validate. Resolvers read `current` afresh on every request.
 */
export class LiveGraph {
  private readonly listeners = new ListenerSet<GraphChange>("graph change");
  /** Problems of an outside edit that did not validate; the graph is the last good one meanwhile. */
  problems: Problem[] = [];
  /** How long the latest change set took to apply, ms (the benchmark reports it). */
  lastApplyMs = 0;

  private constructor(
    public current: GraphStore,
    public journal: JournalIndex,
    public position: number,
    private readonly layout: LayoutOptions,
  ) {}

  /** The graph of a store's snapshot; `phase` hears when building ends and laying out begins. */
  static fromSnapshot(
    snapshot: StoreSnapshot,
    layout: LayoutOptions,
    phase: (name: "build" | "layout") => void = () => undefined,
  ): LiveGraph {
    phase("build");
    const knowledge = buildKnowledgeGraph(snapshot.model);
    phase("layout");
    return new LiveGraph(
      createGraphStore(knowledge, layout),
      new JournalIndex(snapshot.journal),
      snapshot.position,
      layout,
    );
  }

  /** Applies every event of `store` from now on; returns the unsubscribe function. */
  follow(store: Store): () => void {
    return store.subscribe((event) => this.onStoreEvent(event, store));
  }

  onChange(listener: (change: GraphChange) => void): () => void {
    return this.listeners.add(listener);
  }

  private onStoreEvent(event: StoreEvent, store: Store): void {
    if (event.kind === "commit") {
      try {
        this.applyEntry(event.entry);
      } catch (error) {
        if (!(error instanceof DeltaError)) throw error;
        // Cannot happen for records the store validated; if it does, start again from the store.
        console.error(`${error.message}; reloading the whole graph`);
        void store.load().then((snapshot) => this.replace(snapshot, []));
      }
    } else if (event.kind === "reload") {
      this.replace(event.snapshot, event.files);
    } else {
      this.problems = event.problems;
      console.error(
        `graph-data changed on disk (${event.files.join(", ")}) but has ${event.problems.length} problem(s); ` +
          "still serving the last good graph",
      );
      this.listeners.emit({
        position: this.position,
        kind: "invalid",
        touched: NOTHING(),
        files: event.files,
        problems: event.problems.map((problem) => `${problem.file}: ${problem.message}`),
      });
    }
  }

  /** Applies one committed change set, in place. */
  applyEntry(entry: JournalEntry): void {
    if (entry.position <= this.position) return; // already applied (a replica reading its own write)
    const started = performance.now();
    const delta = recordDelta(entry.changes, this.current.knowledge.model);
    const { relations } = applyDelta(this.current, delta);
    this.lastApplyMs = performance.now() - started;
    this.journal.add(entry);
    this.position = entry.position;
    this.listeners.emit({
      position: entry.position,
      kind: "commit",
      touched: { ...touchedIds(entry), relation: relations },
      change: { id: entry.id, author: entry.author, time: entry.time, action: entry.action.kind },
    });
  }

  /** Replaces the whole graph after an outside change, keeping node positions where nodes remain. */
  replace(snapshot: StoreSnapshot, files: string[]): void {
    const previous = this.current.positions;
    this.current = createGraphStore(buildKnowledgeGraph(snapshot.model), this.layout, previous);
    this.journal = new JournalIndex(snapshot.journal);
    this.position = snapshot.position;
    this.problems = [];
    this.listeners.emit({ position: this.position, kind: "reload", touched: NOTHING(), files });
  }
}
