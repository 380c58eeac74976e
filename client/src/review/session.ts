import { ApiError, GraphQLClient } from "../api/graphql-client.ts";

/**
 * Who writes: the write token and the analyst's name. `npm start` prints a link carrying the token
 * in the address fragment (#token=…), which browsers never send to a server or in a Referer. The
 * page keeps it in this browser's storage and takes it out of the address bar at once.
 */
const TOKEN_KEY = "peacegraph.writeToken";
const AUTHOR_KEY = "peacegraph.author";

export class Session {
  constructor(
    public token: string | null,
    public author: string | null,
  ) {}

  static fromLocation(): Session {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const fromLink = fragment.get("token");
    if (fromLink) {
      localStorage.setItem(TOKEN_KEY, fromLink);
      fragment.delete("token");
      const rest = fragment.toString();
      history.replaceState(
        history.state,
        "",
        `${location.pathname}${location.search}${rest ? `#${rest}` : ""}`,
      );
    }
    return new Session(localStorage.getItem(TOKEN_KEY), localStorage.getItem(AUTHOR_KEY));
  }

  setToken(token: string): void {
    this.token = token.trim() || null;
    if (this.token) localStorage.setItem(TOKEN_KEY, this.token);
  }

  forgetToken(): void {
    this.token = null;
    localStorage.removeItem(TOKEN_KEY);
  }

  setAuthor(name: string): void {
    this.author = name.trim() || null;
    if (this.author) localStorage.setItem(AUTHOR_KEY, this.author);
    else localStorage.removeItem(AUTHOR_KEY);
  }

  headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    // Header values are Latin-1 at most; a name in Armenian or Azerbaijani travels percent-encoded.
    if (this.author) headers["x-peacegraph-author"] = encodeURIComponent(this.author);
    return headers;
  }
}

const isNetworkFailure = (error: unknown) => error instanceof TypeError;

/**
 * Reads and writes for the review page. Every write carries a fresh idempotency key, and a write
 * whose answer was lost (the network, a server restart) is sent again with the same key, so it
 * takes effect once.
 */
export class ReviewApi {
  private readonly client: GraphQLClient;

  constructor(readonly session: Session) {
    this.client = new GraphQLClient("/graphql", () => session.headers());
  }

  read<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.client.request<T>(query, variables);
  }

  async write<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const key = crypto.randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.request<T>(query, { ...variables, key });
      } catch (error) {
        if (!isNetworkFailure(error) || attempt === 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }
}

/** A failure worth telling the analyst about in words, with what to do. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === "UNAUTHENTICATED")
    return `${error.message}. Open the review link that npm start printed.`;
  if (error.code === "CONFLICT") return `${error.message}. The queue has been read again.`;
  return error.message;
}
