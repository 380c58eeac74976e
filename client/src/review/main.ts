import "../styles.css";
import "./review.css";
import { el } from "../dom.ts";
import { ReviewPage } from "./controller.ts";
import { followChanges } from "../live/changes.ts";
import { ReviewApi, Session } from "./session.ts";

/**
 * The review page: /review. Its header holds who is writing (the token from the link npm start
 * printed, and a name recorded with every decision); the rest is the ReviewPage.
 */

function sessionHeader(session: Session, onChange: () => void): HTMLElement {
  const name = el("input", {
    attrs: {
      name: "author",
      type: "text",
      placeholder: "your name",
      value: session.author ?? "",
      "aria-label": "Your name, recorded with every decision",
    },
  });
  name.addEventListener("change", () => {
    session.setAuthor(name.value);
    onChange();
  });
  const token = el("input", {
    attrs: { name: "token", type: "password", placeholder: "write token", "aria-label": "Write token" },
  });
  token.addEventListener("change", () => {
    session.setToken(token.value);
    token.value = "";
    onChange();
  });
  const tokenState = session.token
    ? el("span", { className: "token-ok", text: "write token set" })
    : el("span", {
        className: "token-missing",
        text: "no write token: open the review link npm start printed, or paste the token",
      });
  return el(
    "header",
    { className: "review-header" },
    el("h1", {}, el("a", { attrs: { href: "/" }, text: "peacegraph" }), " · review"),
    el("label", { className: "who" }, "Reviewer ", name),
    session.token ? null : token,
    tokenState,
  );
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

async function main(): Promise<void> {
  const root = document.getElementById("review")!;
  const session = Session.fromLocation();
  const page = new ReviewPage(root, new ReviewApi(session));
  const header = () => {
    root.querySelector(".review-header")?.remove();
    root.prepend(sessionHeader(session, header));
  };
  await page.loadQueue();
  const first = page.state.queue[0]?.source.id;
  if (first) await page.openSource(first);
  page.render();
  header();

  const keys: Record<string, () => void> = {
    a: () => void page.accept(),
    r: () => void page.reject(),
    e: () => void page.edit(),
    s: () => void page.skip(),
    u: () => void page.undo(),
    j: () => void page.move(1),
    k: () => void page.move(-1),
  };
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target))
      return;
    if (document.querySelector("dialog[open]")) return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    if (!session.author && "areu".includes(event.key)) {
      page.state.message = {
        text: "Type your name at the top first: it is recorded with every decision.",
        kind: "error",
      };
      page.render();
      header();
      root.querySelector<HTMLInputElement>('input[name="author"]')?.focus();
      return;
    }
    action();
  });
  const rerender = page.render.bind(page);
  page.render = () => {
    rerender();
    header();
  };

  let seenPosition = 0;
  followChanges((change) => {
    // Our own writes are already shown; others' (or an outside edit) make the page read again.
    seenPosition = Math.max(seenPosition, change.position);
    if (change.kind === "invalid") {
      page.state.message = {
        text: `graph-data changed on disk but does not validate: ${change.problems?.[0] ?? ""}`,
        kind: "error",
      };
      return void page.render();
    }
    if (page.busy) return;
    void page.run(() => page.refresh());
  });

  window.__peacegraphReview = {
    ready: () => !page.busy,
    position: () => seenPosition,
    snapshot: () => ({
      source: page.state.source?.id ?? null,
      cursor: page.state.cursor,
      current: page.state.items[page.state.cursor]?.id ?? null,
      items: page.state.items.map((item) => ({
        id: item.id,
        status: item.claim?.status ?? "GONE",
        done: item.done,
      })),
      undo: page.state.undo.length,
      message: page.state.message?.text ?? null,
      queue: page.state.queue.map((entry) => ({
        id: entry.source.id,
        pending: entry.pendingCount,
        reviewed: entry.reviewedCount,
      })),
      proposed: page.state.proposed.map((entity) => entity.id),
    }),
  };
}

declare global {
  interface Window {
    __peacegraphReview?: {
      ready(): boolean;
      position(): number;
      snapshot(): {
        source: string | null;
        cursor: number;
        current: string | null;
        items: { id: string; status: string; done: string | null }[];
        undo: number;
        message: string | null;
        queue: { id: string; pending: number; reviewed: number }[];
        proposed: string[];
      };
    };
  }
}

main().catch((error: unknown) => {
  document.getElementById("review")!.replaceChildren(
    el("p", {
      className: "message error",
      text: `The review page could not start: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
});
