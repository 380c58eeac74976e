import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

/**
 * Validation rules against hostile documents. They run before execution, so an abusive query
 * costs one parse and one walk, never a resolver call.
 */

const limitError = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/** Deepest field nesting of each operation, following fragments; a fragment cycle ends the walk. */
export function maxDepthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode, depth: number, visiting: Set<string>): number => {
      let deepest = depth;
      for (const selection of selectionSet.selections) {
        if (deepest > maxDepth) break;
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith("__")) continue; // introspection is shallow by design
          deepest = Math.max(
            deepest,
            selection.selectionSet ? depthOf(selection.selectionSet, depth + 1, visiting) : depth + 1,
          );
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, visiting));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) continue; // NoFragmentCyclesRule reports cycles
          visiting.add(name);
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, visiting));
          visiting.delete(name);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          context.reportError(
            limitError(
              `query is nested deeper than ${maxDepth} levels; ask for less at once`,
              "DEPTH_LIMIT_EXCEEDED",
            ),
          );
        }
      },
    };
  };
}

/** Counts aliases over the whole document: aliasing is how one request asks for the same work many times. */
export function maxAliasesRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias && ++aliases === maxAliases + 1) {
          context.reportError(
            limitError(`query uses more than ${maxAliases} aliases`, "ALIAS_LIMIT_EXCEEDED"),
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
            limitError(`query uses more than ${maxDirectives} directives`, "DIRECTIVE_LIMIT_EXCEEDED"),
          );
        }
      },
    };
  };
}
