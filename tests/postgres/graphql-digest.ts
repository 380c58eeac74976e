/**
 * What a server's graph answers, read through its public API: every relation with its claims and
 * derived values, every node with its derived date and attribute claims, the conflicts and the
 * totals. Two servers with equal digests hold equal graphs, as far as any client can tell.
 */

export type Post = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}>;

const CLAIM =
  "id quote status confidence source { id } subject { id } object { id } qualifiers { role count date { text } }";
// The API prices a page of 50 with nested claim lists over its cost budget.
const PAGE = 20;

async function allPages(post: Post, field: string, selection: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const answer = await post(
      `query ($after: String) { ${field}(first: ${PAGE}, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`,
      { after },
    );
    if (answer.errors || !answer.data) throw new Error(`${field}: ${JSON.stringify(answer.errors)}`);
    const page = answer.data[field] as {
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: unknown[];
    };
    items.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return items;
    after = page.pageInfo.endCursor;
  }
}

const byId = (a: unknown, b: unknown) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1);
const sortClaims = (item: unknown) => {
  const value = item as { claims?: { id: string }[]; attributeClaims?: { id: string }[] };
  value.claims?.sort(byId);
  value.attributeClaims?.sort(byId);
  return value;
};

export async function graphqlDigest(post: Post) {
  const relations = await allPages(
    post,
    "relations",
    `id corroboration date { text } count claims { ${CLAIM} }`,
  );
  const nodes = [];
  for (const field of ["actors", "events", "places"])
    nodes.push(...(await allPages(post, field, `id label type date { text } attributeClaims { ${CLAIM} }`)));
  const totals = await post("{ stats { nodes relations claims sources conflicts } conflicts { id } }");
  if (totals.errors) throw new Error(JSON.stringify(totals.errors));
  return {
    relations: relations.map(sortClaims).sort(byId),
    nodes: nodes.map(sortClaims).sort(byId),
    stats: totals.data?.stats,
    conflicts: (totals.data?.conflicts as { id: string }[]).map((conflict) => conflict.id).sort(),
  };
}
