import type { Extractor } from "../../ingest/extract.ts";
import { InvalidArgument } from "../../query/invalid-argument.ts";

/**
 * What a replica on PostgreSQL reads articles with: nothing yet. The extractor's link index and
 * rules are read from a graph-data folder (server/ingest), and a replica on PostgreSQL has none, so
 * ingestSource is refused with a way round it rather than linking against a stale folder.
 */
export const NO_ARTICLES_ON_POSTGRES = {
  get(): Promise<Extractor> {
    return Promise.reject(
      new InvalidArgument(
        "input",
        "articles cannot be ingested into PostgreSQL yet (the extractor reads a graph-data folder): " +
          "ingest them into the folder with npm run ingest before npm run db:import",
      ),
    );
  },
};
