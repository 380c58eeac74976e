/** Page-wide keys: `/` focuses search, Escape clears the selection. */
export function installKeyboard(actions: { focusSearch(): void; clearSelection(): void }): void {
  const typing = (target: EventTarget | null) =>
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" && !typing(event.target)) {
      event.preventDefault();
      actions.focusSearch();
    } else if (event.key === "Escape") {
      if (event.target instanceof HTMLElement && typing(event.target)) event.target.blur();
      for (const menu of document.querySelectorAll<HTMLDetailsElement>("details.menu[open]"))
        menu.open = false;
      actions.clearSelection();
    }
  });
}
