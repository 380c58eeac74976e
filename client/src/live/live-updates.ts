import { el } from "../dom.ts";
import type { ViewerSettings } from "../settings.ts";
import { followChanges } from "./changes.ts";

/**
 * When the graph changes on the server, the viewer reads it again and redraws in place: changes
 * arriving close together are applied once, a refresh never runs twice at once, and a large graph
 * (past settings.live.autoRefreshUpTo relations) is not read again unasked: a button offers it.
 */
export interface LiveUpdates {
  /** Refreshes done so far (test hooks). */
  readonly count: number;
  /** A refresh is under way. */
  readonly busy: boolean;
}

export function installLiveUpdates(options: {
  settings: ViewerSettings;
  /** Whether the first load is done; changes wait until it is. */
  loaded: () => boolean;
  /** How many relations the graph has now. */
  relations: () => number;
  /** Reads the graph again and redraws; resolves with a line that says what changed. */
  refresh: () => Promise<string>;
  /** Shows a status line, with an element after it when there is one. */
  status: (text: string, action?: HTMLElement) => void;
}): LiveUpdates {
  const { settings } = options;
  let count = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refresh = () => {
    if (running) {
      again = true;
      return;
    }
    running = options
      .refresh()
      .then((line) => {
        count++;
        options.status(`updated from the server: ${line}`);
      })
      .catch((error: unknown) =>
        options.status(`could not read the changed graph: ${(error as Error).message}`),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  const changed = (who: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!options.loaded()) return changed(who);
      if (options.relations() <= settings.live.autoRefreshUpTo) return refresh();
      const button = el("button", {
        className: "small",
        attrs: { type: "button", "data-action": "refresh" },
        text: "refresh",
      });
      button.addEventListener("click", () => {
        options.status("refreshing…");
        refresh();
      });
      options.status(`the graph changed on the server${who}`, button);
    }, settings.live.debounceMs);
  };
  followChanges((change) => {
    if (change.kind === "invalid")
      return options.status(
        "graph-data changed on the server but does not validate; showing the last good graph",
      );
    changed(change.change ? ` (${change.change.author})` : "");
  });
  return {
    get count() {
      return count;
    },
    get busy() {
      return running !== null;
    },
  };
}
