import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A throwaway copy of the project to plant bugs in: every tracked and untracked (not ignored) file
 * of the working tree as it is now, uncommitted edits included, plus the generated files the tests
 * need (the built client, the resolver types). node_modules is linked, not copied. The working tree
 * itself is never written.
 */
export function copyProject(root: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), "peacegraph-mutants-"));
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString("utf8")
    .split("\0")
    .filter(Boolean);
  for (const file of listed) {
    const from = path.join(root, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet committed
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(from, path.join(copy, file));
  }
  for (const generated of ["client/dist", "server/generated"]) {
    if (existsSync(path.join(root, generated)))
      cpSync(path.join(root, generated), path.join(copy, generated), { recursive: true });
  }
  symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
  return copy;
}

/** Puts the built client back as it was in the working tree, after a viewer mutant rebuilt it. */
export function restoreClient(root: string, copy: string): void {
  rmSync(path.join(copy, "client/dist"), { recursive: true, force: true });
  cpSync(path.join(root, "client/dist"), path.join(copy, "client/dist"), { recursive: true });
}
