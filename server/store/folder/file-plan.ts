import { readFile } from "node:fs/promises";
import path from "node:path";
import { sameRecord } from "../../model/records.ts";
import { StoreRefusal, type ChangeSet, type JsonRecord, type RecordChange } from "../types.ts";
import { sizeOf } from "./durable.ts";
import { checkLastLine } from "./last-line.ts";

/**
 * Turns change sets into what must happen to each file of the folder (graph-data/README.md and the
 * coordination spec, section 2): a new source is `sources/<id>.txt` plus a line appended to
 * `sources/sources.jsonl`; new claims are appended to `claims/<source>.jsonl`; proposed entities to
 * `entities/proposed.jsonl`; a changed or removed record rewrites its JSON Lines file whole, every
 * other line kept byte for byte. Nothing touches the disk here: the transaction does that.
 */

export type FileOperation =
  | { kind: "append"; file: string; bytes: string; sizeBefore: number | undefined }
  | { kind: "replace"; file: string; content: string; mustNotExist: boolean };

interface FileState {
  file: string;
  sizeBefore: number | undefined;
  /** Every line when the file is rewritten; undefined while it is only appended to. */
  lines: string[] | undefined;
  appended: string[];
  /** The last line on disk is complete but has no line break: one goes first. */
  breakFirst: boolean;
  /** The whole content of a file created by this batch. */
  created: string | undefined;
}

export interface FolderPaths {
  dataDir: string;
  /** Model `file` paths are relative to this. */
  displayRoot: string;
}

const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const cloneState = (state: FileState): FileState => ({
  ...state,
  lines: state.lines && [...state.lines],
  appended: [...state.appended],
});

/** Plans one batch of change sets; a change set that cannot apply is refused alone. */
export class FilePlanner {
  private readonly states = new Map<string, FileState>();

  constructor(
    private readonly paths: FolderPaths,
    /** Called once per file before it is first touched: refuses files changed outside the store. */
    private readonly guard: (file: string) => Promise<void>,
  ) {}

  private readonly relative = (file: string) => path.relative(this.paths.dataDir, file);
  /** The model's `file` for a file of the folder. */
  readonly display = (file: string) => path.relative(this.paths.displayRoot, file) || file;

  /**
   * Adds one change set to the plan, recording in each change where its record now lives. Throws a
   * StoreRefusal, leaving the plan as it was, when the change set cannot apply.
   */
  async add(changeSet: ChangeSet): Promise<void> {
    const before = new Map<string, FileState | undefined>();
    try {
      for (const change of changeSet.changes) await this.apply(change, before);
    } catch (error) {
      for (const [file, state] of before) {
        if (state) this.states.set(file, state);
        else this.states.delete(file);
      }
      throw error;
    }
  }

  operations(): FileOperation[] {
    const operations: FileOperation[] = [];
    for (const state of this.states.values()) {
      if (state.created !== undefined)
        operations.push({ kind: "replace", file: state.file, content: state.created, mustNotExist: true });
      else if (state.lines)
        operations.push({
          kind: "replace",
          file: state.file,
          content: state.lines.length === 0 ? "" : `${state.lines.join("\n")}\n`,
          mustNotExist: false,
        });
      else if (state.appended.length > 0)
        operations.push({
          kind: "append",
          file: state.file,
          bytes: `${state.breakFirst ? "\n" : ""}${state.appended.join("\n")}\n`,
          sizeBefore: state.sizeBefore,
        });
    }
    return operations;
  }

  private async state(file: string, before: Map<string, FileState | undefined>): Promise<FileState> {
    let state = this.states.get(file);
    if (!state) {
      await this.guard(file);
      state = {
        file,
        sizeBefore: await sizeOf(file),
        lines: undefined,
        appended: [],
        breakFirst: false,
        created: undefined,
      };
      this.states.set(file, state);
      if (!before.has(file)) before.set(file, undefined);
    } else if (!before.has(file)) {
      before.set(file, cloneState(state));
    }
    return state;
  }

  private async apply(change: RecordChange, before: Map<string, FileState | undefined>): Promise<void> {
    const { dataDir } = this.paths;
    if (change.op === "add") {
      const { record } = change;
      if (change.kind === "source") {
        const id = safeId(record.id, "source id");
        const text = await this.state(path.join(dataDir, "sources", `${id}.txt`), before);
        const yaml = path.join(dataDir, "sources", `${id}.yaml`);
        if (text.sizeBefore !== undefined || text.created !== undefined || (await sizeOf(yaml)) !== undefined)
          throw new StoreRefusal(`a source "${id}" already exists`, "id", "conflict");
        text.created = change.text;
        change.where = this.display(path.join(dataDir, "sources", "sources.jsonl"));
        await this.append(path.join(dataDir, "sources", "sources.jsonl"), record, before);
        return;
      }
      const file =
        change.kind === "claim"
          ? path.join(dataDir, "claims", `${safeId(record.source, "source")}.jsonl`)
          : path.join(dataDir, "entities", "proposed.jsonl");
      change.where = this.display(file);
      await this.append(file, record, before);
      return;
    }
    const file = this.fileOf(change);
    change.where = this.display(file);
    const state = await this.state(file, before);
    await this.rewrite(state, change.previous, change.op === "update" ? change.record : undefined);
  }

  private async append(file: string, record: JsonRecord, before: Map<string, FileState | undefined>) {
    const state = await this.state(file, before);
    const line = JSON.stringify(record);
    if (state.lines) {
      state.lines.push(line);
      return;
    }
    if (state.appended.length === 0 && state.sizeBefore) {
      const last = await checkLastLine(file);
      if (last.state === "torn")
        throw new StoreRefusal(
          `${this.relative(file)} line ${last.line} is cut short ("${last.text}…"): a write that never ` +
            "finished. Repair or remove that line by hand; nothing is appended after a damaged record.",
          undefined,
          "conflict",
        );
      state.breakFirst = last.state === "unterminated";
    }
    state.appended.push(line);
  }

  /** Replaces (or, without `record`, removes) the line holding `previous`, after checking it still does. */
  private async rewrite(state: FileState, previous: JsonRecord, record: JsonRecord | undefined) {
    if (!state.lines) {
      const content = state.sizeBefore === undefined ? "" : await readFile(state.file, "utf8");
      const lines = content.split("\n");
      if (lines.at(-1) === "") lines.pop();
      state.lines = [...lines, ...state.appended];
      state.appended = [];
    }
    const needle = JSON.stringify(previous.id);
    let found = -1;
    for (let i = 0; i < state.lines.length; i++) {
      const line = state.lines[i]!;
      if (!line.includes(needle)) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      if ((value as JsonRecord | null)?.id !== previous.id) continue;
      if (!sameRecord(value, previous))
        throw new StoreRefusal(
          `${previous.id} was changed meanwhile (${this.relative(state.file)} line ${i + 1}); read it again and retry`,
          "id",
          "conflict",
        );
      found = i;
      break;
    }
    if (found < 0)
      throw new StoreRefusal(
        `${previous.id} is no longer in ${this.relative(state.file)}; read it again and retry`,
        "id",
        "conflict",
      );
    if (record) state.lines[found] = JSON.stringify(record);
    else state.lines.splice(found, 1);
  }

  /** The file an existing record lives in: its model `file`, or where the layout puts it. */
  private fileOf(change: Extract<RecordChange, { previous: JsonRecord }>): string {
    const { dataDir, displayRoot } = this.paths;
    const file = change.where
      ? path.resolve(displayRoot, change.where)
      : change.kind === "claim"
        ? path.join(dataDir, "claims", `${safeId(change.previous.source, "source")}.jsonl`)
        : path.join(dataDir, "entities", "proposed.jsonl");
    if (!file.startsWith(dataDir + path.sep))
      throw new StoreRefusal(`${change.previous.id} is not stored in ${dataDir}`, "id");
    if (!file.endsWith(".jsonl"))
      throw new StoreRefusal(
        `${change.previous.id} is written by hand in ${this.relative(file)}: change it in that file`,
        "id",
      );
    return file;
  }
}

function safeId(value: unknown, what: string): string {
  if (typeof value !== "string" || !SAFE_ID.test(value))
    throw new StoreRefusal(
      `${what} must be lower-case words joined by hyphens, got ${JSON.stringify(value)}`,
    );
  return value;
}
