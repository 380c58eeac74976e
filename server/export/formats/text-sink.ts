/**
 * Collects a writer's output as flat chunks of about 64 KB. Holding every element's string until
 * the end keeps hundreds of thousands of small strings alive into the old generation, and the
 * garbage collector then costs more than the writing; joined early, they die young.
 */
export class TextSink {
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly chunks: string[] = [];

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 65_536) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
  }

  toString(): string {
    this.flush();
    return this.chunks.join("");
  }
}
