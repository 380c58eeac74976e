import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

/**
 * Validation rules against hostile documents. They run before execution, so an abusive query
 * costs one parse and one walk, never a resolver call. Each refusal carries its own code (kept
 * through Apollo by server/api/errors.ts) and names the setting, so a client knows what to change.
 * Walks through fragments are memoised: a fragment spread twice inside a fragment spread twice …
 * is measured once, so no document makes a rule do exponential work.
 */

/** The codes of these rules, which Apollo would otherwise fold into GRAPHQL_VALIDATION_FAILED. */
export const LIMIT_CODES = new Set([
  "DEPTH_LIMIT_EXCEEDED",
  "ALIAS_LIMIT_EXCEEDED",
  "DIRECTIVE_LIMIT_EXCEEDED",
  "FIELD_LIMIT_EXCEEDED",
]);

const limitError = (message: string, code: string, setting: string, limit: number) =>
  new GraphQLError(`${message} (limits.${setting} is ${limit})`, {
    extensions: { code, limit: setting, max: limit },
  });

const fragmentsOf = (document: DocumentNode) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
};

/**
 * A measure of selection sets that follows fragment spreads, memoised per fragment; a spread that
 * closes a cycle adds nothing (NoFragmentCyclesRule reports cycles).
 */
function fragmentMeasure(
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  measure: (selectionSet: SelectionSetNode, ofFragment: (name: string) => number) => number,
): (selectionSet: SelectionSetNode) => number {
  const measured = new Map<string, number>();
  const visiting = new Set<string>();
  const ofFragment = (name: string): number => {
    const known = measured.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const value = measure(fragment.selectionSet, ofFragment);
    visiting.delete(name);
    measured.set(name, value);
    return value;
  };
  return (selectionSet) => measure(selectionSet, ofFragment);
}

/** Deepest field nesting of each operation, following fragments. */
export function maxDepthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const depthOf = fragmentMeasure(
      fragmentsOf(context.getDocument()),
      function depth(selectionSet, ofFragment) {
        let deepest = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            if (selection.name.value.startsWith("__")) continue; // introspection is shallow by design
            deepest = Math.max(
              deepest,
              1 + (selection.selectionSet ? depth(selection.selectionSet, ofFragment) : 0),
            );
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            deepest = Math.max(deepest, depth(selection.selectionSet, ofFragment));
          } else {
            deepest = Math.max(deepest, ofFragment(selection.name.value));
          }
        }
        return deepest;
      },
    );
    return {
      OperationDefinition(operation) {
        if (depthOf(operation.selectionSet) > maxDepth) {
          context.reportError(
            limitError(
              `query is nested deeper than ${maxDepth} levels; ask for less at once`,
              "DEPTH_LIMIT_EXCEEDED",
              "maxDepth",
              maxDepth,
            ),
          );
        }
      },
    };
  };
}

/**
 * Most fields in one selection set, counting the fields its fragments bring in. Checked over the
 * whole document as soon as validation starts, before GraphQL's own rule compares fields pairwise,
 * which on 990 copies of one field gives up with a bare "Validation aborted.".
 */
export function maxSelectionFieldsRule(maxFields: number) {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fieldsIn = fragmentMeasure(fragmentsOf(document), function count(selectionSet, ofFragment) {
        let fields = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) fields++;
          else if (selection.kind === Kind.INLINE_FRAGMENT)
            fields += count(selection.selectionSet, ofFragment);
          else fields += ofFragment(selection.name.value);
        }
        return fields;
      });
      let most = 0;
      const visit = (selectionSet: SelectionSetNode) => {
        most = Math.max(most, fieldsIn(selectionSet));
        for (const selection of selectionSet.selections)
          if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet)
            visit(selection.selectionSet);
      };
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION)
          visit(definition.selectionSet);
      }
      if (most > maxFields) {
        context.reportError(
          limitError(
            `a selection holds ${most} fields, more than ${maxFields}; ask for each field once`,
            "FIELD_LIMIT_EXCEEDED",
            "maxSelectionFields",
            maxFields,
          ),
        );
      }
    },
  });
}

/** Counts aliases over the whole document: aliasing is how one request asks for the same work many times. */
export function maxAliasesRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias && ++aliases === maxAliases + 1) {
          context.reportError(
            limitError(
              `query uses more than ${maxAliases} aliases`,
              "ALIAS_LIMIT_EXCEEDED",
              "maxAliases",
              maxAliases,
            ),
          );
        }
      },
    };
  };
}

export function maxDirectivesRule(maxDirectives: number) {
  return (context: ValidationContext): ASTVisitor => {
    let directives = 0;
    return {
      Directive() {
        if (++directives === maxDirectives + 1) {
          context.reportError(
            limitError(
              `query uses more than ${maxDirectives} directives`,
              "DIRECTIVE_LIMIT_EXCEEDED",
              "maxDirectives",
              maxDirectives,
            ),
          );
        }
      },
    };
  };
}
