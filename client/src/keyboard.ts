/** Page-wide keys (the help dialog lists them). Typing in a field never triggers them, but Escape. */
export interface KeyActions {
  focusSearch(): void;
  clearSelection(): void;
  help(): void;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  fullscreen(): void;
  ego(): void;
  table(): void;
  labels(): void;
}

export function installKeyboard(actions: KeyActions): void {
  const typing = (target: EventTarget | null) =>
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  const keys: Record<string, () => void> = {
    "/": actions.focusSearch,
    "?": actions.help,
    "+": actions.zoomIn,
    "=": actions.zoomIn,
    "-": actions.zoomOut,
    "0": actions.fit,
    f: actions.fullscreen,
    e: actions.ego,
    t: actions.table,
    l: actions.labels,
  };

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      // An open dialog closes itself (the browser's own Escape); the selection stays.
      if (document.querySelector("dialog[open]")) return;
      if (event.target instanceof HTMLElement && typing(event.target)) event.target.blur();
      for (const menu of document.querySelectorAll<HTMLDetailsElement>("details.menu[open]"))
        menu.open = false;
      actions.clearSelection();
      return;
    }
    if (typing(event.target)) return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
