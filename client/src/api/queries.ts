/**
 * The operations the viewer sends. Each stays within the server's limits: depth ≤ 8, no aliases, and a
 * cost under 10,000 at the page sizes in settings.ts (the server reports the cost in extensions.cost).
 */

export const VOCABULARY_QUERY = /* GraphQL */ `
  query ViewerVocabulary {
    stats {
      nodes
      relations
    }
    relationTypes {
      id
      label
      family
      color
      count
      symmetric
    }
    nodeTypes {
      id
      kind
      label
      color
      count
    }
    sources {
      id
      title
      outlet
      url
    }
    conflicts {
      id
      property
      target {
        id
      }
    }
  }
`;

/** Whether the server offers exports, and under which names (the enum may not exist yet). */
export const EXPORT_FORMATS_QUERY = /* GraphQL */ `
  query ViewerExportFormats {
    __type(name: "ExportFormat") {
      enumValues {
        name
        description
      }
    }
  }
`;

/**
 * The whole graph in one response: graphology's JSON of the root subgraph (every node with its
 * position, colour and size, every relation with its sources). Costs ~3,000 of the 10,000 budget;
 * the server refuses it (EXPORT_TOO_LARGE) past its export limits, and the viewer then pages.
 */
export const GRAPH_EXPORT_QUERY = /* GraphQL */ `
  query ViewerGraphExport {
    subgraph {
      export(format: GRAPHOLOGY_JSON) {
        content
      }
    }
  }
`;

const CONNECTION_OF_KIND = { ACTOR: "actors", EVENT: "events", PLACE: "places" } as const;
export type ApiNodeKind = keyof typeof CONNECTION_OF_KIND;

/** One page of one kind's entities, with what the first paint needs (position, colour, size). */
export const entitiesQuery = (kind: ApiNodeKind) => /* GraphQL */ `
  query ViewerEntities($first: Int!, $after: String) {
    ${CONNECTION_OF_KIND[kind]}(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        label
        kind
        type
        aliases
        color
        size
        position {
          x
          y
        }
        date {
          start
          end
        }
      }
    }
  }
`;

/** One page of one relation family, with what filtering needs (date, corroboration, sources). */
export const RELATIONS_QUERY = /* GraphQL */ `
  query ViewerRelations($family: RelationFamily!, $first: Int!, $after: String) {
    relations(where: { family: [$family] }, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        type
        subject {
          id
        }
        object {
          id
        }
        corroboration
        date {
          start
          end
        }
        claims {
          source {
            id
          }
        }
      }
    }
  }
`;

const CLAIM_FIELDS = /* GraphQL */ `
  fragment ViewerClaim on Claim {
    id
    quote
    confidence
    status
    source {
      id
      title
      outlet
      url
    }
    attributedTo {
      id
      label
    }
  }
`;

const RELATION_FIELDS = /* GraphQL */ `
  fragment ViewerRelation on Relation {
    id
    type
    family
    color
    corroboration
    confidence
    count
    goldstein
    cameo
    date {
      text
    }
    subject {
      id
      label
    }
    object {
      id
      label
    }
    relationType {
      label
    }
    claims {
      ...ViewerClaim
      qualifiers {
        count
        approximate
        role
        framing
        note
        date {
          text
        }
      }
    }
  }
`;

const CONFLICT_FIELDS = /* GraphQL */ `
  fragment ViewerConflict on Conflict {
    id
    property
    target {
      id
    }
    values {
      value
      claims {
        ...ViewerClaim
      }
    }
  }
`;

/** A node's own facts and conflicts, and one page of its relations with their claims. */
export const NODE_DETAILS_QUERY = /* GraphQL */ `
  query ViewerNodeDetails($id: ID!, $first: Int!, $after: String) {
    node(id: $id) {
      ... on Entity {
        id
        label
        kind
        typeLabel
        aliases
        description
        wikidata
        wikidataUrl
        cameo
        degree
        date {
          text
        }
        attributeClaims {
          ...ViewerClaim
          property
          value
        }
        conflicts {
          ...ViewerConflict
        }
        relations(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...ViewerRelation
          }
        }
      }
    }
  }
  ${CLAIM_FIELDS}
  ${RELATION_FIELDS}
  ${CONFLICT_FIELDS}
`;

export const RELATION_DETAILS_QUERY = /* GraphQL */ `
  query ViewerRelationDetails($id: ID!) {
    node(id: $id) {
      ... on Relation {
        ...ViewerRelation
        plover
        relationType {
          label
          description
        }
        conflicts {
          ...ViewerConflict
        }
      }
    }
  }
  ${CLAIM_FIELDS}
  ${RELATION_FIELDS}
  ${CONFLICT_FIELDS}
`;
