import { readFileSync } from "node:fs";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLNamedType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_FILE } from "../../server/api/apollo.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

describe("schema.graphql, the contract", () => {
  it("describes every type, field, argument, input field and enum value", () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"));
    const undocumented: string[] = [];
    const check = (what: string, description: string | null | undefined) => {
      if (!description?.trim()) undocumented.push(what);
    };
    const ours = Object.values(schema.getTypeMap()).filter(
      (type: GraphQLNamedType) =>
        !type.name.startsWith("__") && !["String", "Int", "Float", "Boolean", "ID"].includes(type.name),
    );
    expect(ours.length).toBeGreaterThan(20);
    for (const type of ours) {
      check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          check(`${type.name}.${field.name}`, field.description);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe("internal errors", () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it("are masked in production and logged, and the server keeps answering", async () => {
    // Break the running graph the way a bug would: a relation type vanishes from the vocabulary.
    const { relationTypes } = api.store.knowledge.model;
    const released = relationTypes.get("RELEASED")!;
    relationTypes.delete("RELEASED");
    const logged: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const { status, json } = await api.post({
        query: `{ relations(where: { subject: ["azerbaijan"] }, first: 100) { nodes { family } } }`,
      });
      expect(status).toBe(200);
      expect(json.errors?.[0]).toEqual({
        message: "Internal server error",
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      });
      expect(JSON.stringify(json)).not.toMatch(/RELEASED|stacktrace|\.ts:/);
      expect(String(logged.flat().join(" "))).toMatch(/RELEASED is missing from the vocabulary/);
    } finally {
      console.error = originalError;
      relationTypes.set("RELEASED", released);
    }
    const next = await api.query<{ stats: { relations: number } }>("{ stats { relations } }");
    expect(next.stats.relations).toBeGreaterThan(0);
  });
});
