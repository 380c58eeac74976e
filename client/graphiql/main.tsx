// Self-hosted GraphiQL IDE for the peacegraph API, served by our server at GET /graphql.
// Everything is bundled by Vite; nothing is loaded from another origin at runtime.

// Must run before any Monaco editor is created: registers the editor, JSON and
// GraphQL web workers via Vite `?worker` imports.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";

import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

const DEFAULT_QUERY = `# peacegraph GraphQL API: every fact is
# traced to a quoted source.
# Run with Ctrl+Enter (Cmd+Enter on macOS).

query Example {
  search(text: "Guterres", first: 3) {
    node {
      id
      label
    }
  }
}
`;

// Same-origin POST with content-type: application/json, which passes the
// server's CSRF prevention (the request is not a "simple" request).
const fetcher = createGraphiQLFetcher({ url: "/graphql" });

const container = document.getElementById("graphiql");
if (!container) throw new Error("#graphiql container missing");

createRoot(container).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
  </StrictMode>,
);
