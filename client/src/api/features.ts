import type { GraphQLClient } from "./graphql-client.ts";

/**
 * Fields of the knowledge model v2 (coordination spec, section 1) that the viewer shows when the
 * server has them: claim and relation modality, where a relation's date comes from, and each
 * conflict's kind. The schema is asked once at start-up; the queries then ask for the fields that
 * exist, so the viewer works against a server with or without them and switches on by itself.
 */
export interface ApiFeatures {
  claimModality: boolean;
  relationModality: boolean;
  dateOrigin: boolean;
  conflictKind: boolean;
}

export const NO_FEATURES: ApiFeatures = {
  claimModality: false,
  relationModality: false,
  dateOrigin: false,
  conflictKind: false,
};

interface TypeFields {
  fields: { name: string }[] | null;
}

const FEATURES_QUERY = /* GraphQL */ `
  query ViewerFeatures {
    relation: __type(name: "Relation") {
      fields {
        name
      }
    }
    claim: __type(name: "Claim") {
      fields {
        name
      }
    }
    conflict: __type(name: "Conflict") {
      fields {
        name
      }
    }
  }
`;

export async function fetchFeatures(client: GraphQLClient): Promise<ApiFeatures> {
  const data =
    await client.request<Record<"relation" | "claim" | "conflict", TypeFields | null>>(FEATURES_QUERY);
  const has = (type: TypeFields | null, field: string) =>
    (type?.fields ?? []).some((candidate) => candidate.name === field);
  return {
    claimModality: has(data.claim, "modality"),
    relationModality: has(data.relation, "modality"),
    dateOrigin: has(data.relation, "dateOrigin") && has(data.relation, "dateInheritedFrom"),
    conflictKind: has(data.conflict, "kind"),
  };
}
