import { createExtractor, type Extractor } from "../ingest/extract.ts";
import { loadLinkIndex } from "../ingest/index-cache.ts";
import { readExtractionRules } from "../ingest/rules-file.ts";
import type { Store } from "../store/types.ts";

/**
 * The extractor (server/ingest) over a graph-data folder, built when an article first needs it and
 * kept until the data changes: any commit or outside change makes the next article build it again
 * from the folder as it then stands (so a merge or an accepted entity links from then on). Building
 * reads the whole folder: a fraction of a second on the seed graph, seconds at a million claims.
 */
export class ArticleExtractor {
  private built: Promise<Extractor> | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dataDir: string,
    store: Pick<Store, "subscribe">,
  ) {
    this.unsubscribe = store.subscribe(() => {
      this.built = null;
    });
  }

  get(): Promise<Extractor> {
    if (!this.built) {
      const building = this.build();
      this.built = building;
      // A failed build is not kept: the next article tries again.
      building.catch(() => {
        if (this.built === building) this.built = null;
      });
    }
    return this.built;
  }

  close(): void {
    this.unsubscribe();
  }

  private async build(): Promise<Extractor> {
    const { index } = await loadLinkIndex(this.dataDir, null);
    const rules = await readExtractionRules(this.dataDir, new Set(index.relationTypes.keys()));
    return createExtractor(index, rules);
  }
}
