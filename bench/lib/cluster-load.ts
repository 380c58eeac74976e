/**
 * Load for the cluster section: writers that edit claims through the GraphQL API for a while, and
 * a probe that times how long a write through one replica takes to show on another (its /events
 * stream announces each change once the change is in the graph it serves).
 */

export const EDIT = `mutation ($id: ID!, $role: String!) {
  editClaim(id: $id, edit: { qualifiers: { role: $role } }) { id }
}`;

let roles = 0;

/** One edit, each with a role never used before so it always changes something. */
export async function edit(
  url: string,
  token: string,
  claim: string,
): Promise<"committed" | "refused" | "failed"> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "x-peacegraph-author": "bench",
      },
      body: JSON.stringify({
        query: EDIT,
        variables: { id: claim, role: `bench ${process.pid} ${++roles}` },
      }),
    });
    const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (!answer.errors) return "committed";
    return answer.errors[0]?.extensions?.code === "CONFLICT" ? "refused" : "failed";
  } catch {
    return "failed";
  }
}

export interface WriteRate {
  committed: number;
  refused: number;
  failed: number;
  perSecond: number;
}

/** `writers` clients per URL, each editing random claims one after another for `seconds`. */
export async function writeRate(
  urls: string[],
  token: string,
  claims: string[],
  seconds: number,
  writers: number,
): Promise<WriteRate> {
  const counts = { committed: 0, refused: 0, failed: 0 };
  let seed = 1;
  const nextClaim = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return claims[seed % claims.length]!;
  };
  const started = performance.now();
  const end = started + seconds * 1_000;
  const loop = async (url: string) => {
    while (performance.now() < end) counts[await edit(url, token, nextClaim())]++;
  };
  await Promise.all(urls.flatMap((url) => Array.from({ length: writers }, () => loop(url))));
  const elapsed = (performance.now() - started) / 1_000;
  return { ...counts, perSecond: counts.committed / elapsed };
}

/** Commit events of a replica's /events stream, with the time each arrived. */
class EventStream {
  readonly commits: { position: number; at: number }[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];

  static async open(url: string): Promise<EventStream> {
    const stream = new EventStream();
    const response = await fetch(`${url}/events`, { signal: stream.controller.signal });
    if (!response.body) throw new Error("no event stream");
    void stream.read(response.body.getReader());
    return stream;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: commit$/m.test(message)) {
            const data = JSON.parse(/^data: (.*)$/m.exec(message)![1]!) as { position: number };
            this.commits.push({ position: data.position, at });
          }
          end = buffer.indexOf("\n\n");
        }
        for (const wake of this.waiters.splice(0)) wake();
      }
    } catch {
      // closed
    }
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.commits.length < count) {
      if (performance.now() > deadline) throw new Error(`no commit event ${count} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}

/**
 * Writes one at a time through `writer` and times when `reader` shows each: from the writer's
 * answer (the write is durable and the writer shows it) and from the request being sent.
 */
export async function visibility(
  writer: string,
  reader: string,
  token: string,
  claims: string[],
  writes: number,
): Promise<{ afterAnswer: number[]; afterRequest: number[] }> {
  const stream = await EventStream.open(reader);
  const afterAnswer: number[] = [];
  const afterRequest: number[] = [];
  try {
    for (let i = 0; i < writes; i++) {
      const sent = performance.now();
      const outcome = await edit(writer, token, claims[i % claims.length]!);
      const answered = performance.now();
      if (outcome !== "committed") throw new Error(`write ${i} was ${outcome}`);
      await stream.waitFor(i + 1);
      const shown = stream.commits[i]!.at;
      afterAnswer.push(shown - answered);
      afterRequest.push(shown - sent);
    }
  } finally {
    stream.close();
  }
  return { afterAnswer, afterRequest };
}
