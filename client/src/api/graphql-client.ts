/** A small GraphQL-over-HTTP client that records what each operation cost against the server's budget. */

export interface OperationCost {
  requested: number;
  budget: number;
}

/** A GraphQL or HTTP failure, with the server's error code when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: OperationCost };
}

export class GraphQLClient {
  /** The dearest operation so far: the test hooks expose it so tests can hold it under the budget. */
  maxCostSeen = 0;
  budgetSeen: number | null = null;

  constructor(
    private readonly url: string,
    /** Headers added to every request, read each time (the review page's write token and author). */
    private readonly extraHeaders: () => Record<string, string> = () => ({}),
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const response = await fetch(this.url, {
      method: "POST",
      // application/json makes this a non-simple request, which the server's CSRF prevention requires.
      headers: { "content-type": "application/json", accept: "application/json", ...this.extraHeaders() },
      body: JSON.stringify({ query, variables }),
      signal: signal ?? null,
    });
    let body: GraphQLResponseBody<T>;
    try {
      body = (await response.json()) as GraphQLResponseBody<T>;
    } catch {
      throw new ApiError(`the API answered ${response.status} without JSON`, null, response.status);
    }
    const cost = body.extensions?.cost;
    if (cost) {
      this.maxCostSeen = Math.max(this.maxCostSeen, cost.requested);
      this.budgetSeen = cost.budget;
    }
    const error = body.errors?.[0];
    if (error) throw new ApiError(error.message, error.extensions?.code ?? null, response.status);
    if (!body.data)
      throw new ApiError(`the API answered ${response.status} without data`, null, response.status);
    return body.data;
  }
}

export const isCostError = (error: unknown) =>
  error instanceof ApiError && error.code === "COST_LIMIT_EXCEEDED";

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Walks a Relay connection page by page (first + after), handing each page over as it arrives. If the
 * server rejects a page as over its cost budget, the page size halves and the same page is asked again.
 */
export async function pageThrough<T>(
  fetchPage: (first: number, after: string | null) => Promise<Page<T>>,
  pageSize: number,
  onPage: (nodes: T[]) => void,
): Promise<void> {
  let after: string | null = null;
  let first = pageSize;
  for (;;) {
    let page: Page<T>;
    try {
      page = await fetchPage(first, after);
    } catch (error) {
      if (isCostError(error) && first > 1) {
        first = Math.max(1, Math.floor(first / 2));
        continue;
      }
      throw error;
    }
    onPage(page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/** Runs async tasks with at most `limit` in flight; rejects on the first failure. */
export async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
