/** The review page's GraphQL documents and the shapes they return. */

export interface QueueSource {
  source: { id: string; title: string; outlet: string | null; added: { text: string } };
  pendingCount: number;
  reviewedCount: number;
}

export interface EntityRef {
  id: string;
  label: string;
  kind: "ACTOR" | "EVENT" | "PLACE";
  typeLabel: string;
}

export interface ReviewClaim {
  id: string;
  status: "CURATED" | "EXTRACTED";
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  confidence: number;
  property: string | null;
  value: string | null;
  subject: EntityRef;
  relationType: { id: string; label: string } | null;
  object: EntityRef | null;
  qualifiers: {
    date: { text: string } | null;
    count: number | null;
    role: string | null;
    note: string | null;
    place: { id: string; label: string } | null;
    event: { id: string; label: string } | null;
  } | null;
  review: { decision: "ACCEPT" | "REJECT"; author: string; time: string; note: string | null } | null;
  relation: { id: string; corroboration: number; sources: { id: string; title: string }[] } | null;
  conflicts: {
    id: string;
    property: string;
    values: { value: string; claims: { id: string }[]; sources: { id: string; title: string }[] }[];
  }[];
}

export interface ReviewSourceData {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: { text: string } | null;
  text: string;
  claims: ReviewClaim[];
}

const ENTITY = "id label kind typeLabel";

export const QUEUE = `{
  reviewQueue(first: 100) { source { id title outlet added { text } } pendingCount reviewedCount }
  proposedEntities(first: 100) { ${ENTITY} }
  writeStatus { writable limits { maxArticleChars maxNoteChars } }
}`;

export const SOURCE = `query ($id: ID!) {
  node(id: $id) {
    ... on Source {
      id title outlet url published { text } text
      claims {
        id status quote quoteStart quoteEnd confidence property value
        subject { ${ENTITY} } relationType { id label } object { ${ENTITY} }
        qualifiers { date { text } count role note place { id label } event { id label } }
        review { decision author time note }
        relation { id corroboration sources { id title } }
        conflicts { id property values { value claims { id } sources { id title } } }
      }
    }
  }
}`;

export const ENTITY_SEARCH = `query ($text: String!) { search(text: $text, first: 8) { matched node { ${ENTITY} } } }`;

export const RELATION_TYPES = `{ relationTypes { id label description } }`;

export const REVIEW = `mutation ($id: ID!, $decision: ReviewDecision!, $note: String, $key: String) {
  reviewClaim(id: $id, decision: $decision, note: $note, idempotencyKey: $key) { id history { id action author } }
}`;

export const EDIT = `mutation ($id: ID!, $edit: ClaimEdit!, $key: String) {
  editClaim(id: $id, edit: $edit, idempotencyKey: $key) { id history { id action author } }
}`;

export const MERGE = `mutation ($id: ID!, $into: ID!, $key: String) {
  mergeEntity(id: $id, into: $into, idempotencyKey: $key) { id label }
}`;

export const REVIEW_ENTITY = `mutation ($id: ID!, $decision: ReviewDecision!, $key: String) {
  reviewEntity(id: $id, decision: $decision, idempotencyKey: $key) { id }
}`;

export const UNDO = `mutation ($id: ID!, $key: String) { undoChange(id: $id, idempotencyKey: $key) { id } }`;

export const LATEST_CHANGE = `{ changes(first: 1) { id action author } }`;

export const INGEST = `mutation ($input: IngestSourceInput!, $key: String) {
  ingestSource(input: $input, idempotencyKey: $key) {
    source { id title }
    claims { id }
    proposedEntities { id label }
    change { id }
  }
}`;
