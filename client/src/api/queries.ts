import type { ApiFeatures } from "./features.ts";

/**
 * The operations the viewer sends. Each stays within the server's limits: depth ≤ 8, no aliases, and a
 * cost under 10,000 at the page sizes in settings.ts (the server reports the cost in extensions.cost).
 */

/** The vocabulary, the sources and every conflict with its sides (a short list, even for big graphs). */
export const vocabularyQuery = (features: ApiFeatures) => /* GraphQL */ `
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
      ${features.conflictKind ? "kind" : ""}
      target {
        __typename
        id
        ... on Entity {
          label
        }
        ... on Relation {
          relationType {
            label
          }
          subject {
            label
          }
          object {
            label
          }
        }
      }
      values {
        value
        sources {
          id
        }
      }
    }
  }
`;

/** The whole graph for drawing, in columns (Query.drawing): what the first paint needs and no more. */
export const DRAWING_QUERY = /* GraphQL */ `
  query ViewerDrawing {
    drawing {
      version
      nodeTypeIds
      relationTypeIds
      sourceIds
      nodeIds
      nodeLabels
      nodeTypes
      nodeX
      nodeY
      nodeDateStart
      nodeDateEnd
      aliases
      aliasNodes
      relationIds
      relationSubjects
      relationObjects
      relationTypes
      relationCorroboration
      relationDateStart
      relationDateEnd
      relationSources
      relationModality
    }
  }
`;

/** The ego view: the nodes and relations within `depth` steps (at most 500 nodes, the API's cap). */
export const NEIGHBORHOOD_QUERY = /* GraphQL */ `
  query ViewerNeighborhood($id: ID!, $depth: Int!, $maxNodes: Int!) {
    neighborhood(ids: [$id], depth: $depth, maxNodes: $maxNodes) {
      nodes {
        id
      }
      relations {
        id
      }
      truncated
    }
  }
`;

/** Shortest paths between two nodes, for the path finder. */
export const PATHS_QUERY = /* GraphQL */ `
  query ViewerPaths($from: ID!, $to: ID!, $maxLength: Int!) {
    paths(from: $from, to: $to, maxLength: $maxLength, first: 5) {
      nodes {
        id
      }
      relations {
        id
      }
    }
  }
`;

/** A source's verbatim text, fetched once per source to show quotes in their passage. */
export const SOURCE_TEXT_QUERY = /* GraphQL */ `
  query ViewerSourceText($id: ID!) {
    node(id: $id) {
      ... on Source {
        text
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
export const relationsQuery = (features: ApiFeatures) => /* GraphQL */ `
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
        ${features.relationModality ? "modality" : ""}
        claims {
          source {
            id
          }
        }
      }
    }
  }
`;

const claimFields = (features: ApiFeatures) => /* GraphQL */ `
  fragment ViewerClaim on Claim {
    id
    quote
    quoteStart
    quoteEnd
    ${features.claimModality ? "modality" : ""}
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

const relationFields = (features: ApiFeatures) => /* GraphQL */ `
  fragment ViewerRelation on Relation {
    id
    type
    ${features.relationModality ? "modality" : ""}
    ${features.dateOrigin ? "dateOrigin dateInheritedFrom { id label }" : ""}
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

const conflictFields = (features: ApiFeatures) => /* GraphQL */ `
  fragment ViewerConflict on Conflict {
    id
    property
    ${features.conflictKind ? "kind" : ""}
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
export const nodeDetailsQuery = (features: ApiFeatures) => /* GraphQL */ `
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
  ${claimFields(features)}
  ${relationFields(features)}
  ${conflictFields(features)}
`;

export const relationDetailsQuery = (features: ApiFeatures) => /* GraphQL */ `
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
  ${claimFields(features)}
  ${relationFields(features)}
  ${conflictFields(features)}
`;
