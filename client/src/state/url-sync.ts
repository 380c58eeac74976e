import { sameFocus, sameSelection, type NavigationState } from "./navigation.ts";
import type { Store } from "./store.ts";
import { parseNavigation, serializeNavigation } from "./url-state.ts";

/** The address of a navigation state on this page (what the address bar shows once it is in step). */
export function navigationUrl(state: NavigationState): string {
  const query = serializeNavigation(state);
  return `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
}

/**
 * Keeps the address bar and the navigation state in step. A new selection or focus (ego view, path)
 * is a history entry (Back returns to the previous one); camera, filter and appearance changes replace
 * the current entry, at most every `delayMs`, since the camera moves every frame.
 */
export function syncUrl(navigation: Store<NavigationState>, delayMs: number): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let applyingHistory = false;

  const write = (push: boolean) => {
    const url = navigationUrl(navigation.get());
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  };

  navigation.subscribe((next, previous) => {
    if (applyingHistory) return;
    if (!sameSelection(next.selection, previous.selection) || !sameFocus(next.focus, previous.focus)) {
      if (timer) clearTimeout(timer);
      timer = null;
      write(true);
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      write(false);
    }, delayMs);
  });

  window.addEventListener("popstate", () => {
    applyingHistory = true;
    try {
      navigation.set(parseNavigation(location.search));
    } finally {
      applyingHistory = false;
    }
  });
}
