/**
 * The server's change stream (GET /events), as the viewer and the review page follow it. The
 * browser's EventSource reconnects by itself; after a reconnect the `hello` event's position tells
 * whether changes were missed, and a missed change counts as a reload.
 */
export interface LiveChange {
  position: number;
  kind: "commit" | "reload" | "invalid";
  touched: { source: string[]; entity: string[]; claim: string[]; relation: string[] };
  change?: { id: string; author: string; time: string; action: string };
  problems?: string[];
}

export function followChanges(onChange: (change: LiveChange) => void): () => void {
  const source = new EventSource("/events");
  let position: number | null = null;
  const nothing = { source: [], entity: [], claim: [], relation: [] };
  source.addEventListener("hello", (event) => {
    const hello = JSON.parse((event as MessageEvent<string>).data) as { position: number };
    if (position !== null && hello.position !== position)
      onChange({ position: hello.position, kind: "reload", touched: nothing });
    position = hello.position;
  });
  for (const kind of ["commit", "reload", "invalid"] as const) {
    source.addEventListener(kind, (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as LiveChange;
      position = change.position;
      onChange(change);
    });
  }
  return () => source.close();
}
