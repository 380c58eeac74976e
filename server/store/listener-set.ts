/**
 * Listeners of one kind of event. A listener that throws is logged and the others still hear the
 * event: a faulty subscriber (a closed SSE stream, say) must not stop the graph from being updated.
 */
export class ListenerSet<T> {
  private readonly listeners = new Set<(event: T) => void>();

  constructor(private readonly what: string) {}

  /** Adds `listener`; returns the function that removes it. */
  add(listener: (event: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: T): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`${this.what} listener failed:`, error);
      }
    }
  }
}
