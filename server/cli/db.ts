/**
 * npm run db:migrate | db:import [DIR] | db:export DIR
 * The PostgreSQL store's commands (docs/deploy.md), against PEACEGRAPH_DATABASE_URL (or --database):
 * apply the versioned migrations; load a graph-data folder (graph-data/ by default) into an empty
 * database; write the database back out as a graph-data folder, to review in git.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { GraphDataError, formatProblem } from "../model/problems.ts";
import { settingsFromEnvironment } from "../settings.ts";
import { connectionConfig, describeConnectionError, redactUrl } from "../store/postgres/connect.ts";
import { exportFolder } from "../store/postgres/export-folder.ts";
import { importFolder } from "../store/postgres/import-folder.ts";
import { checkSchema, latestVersion, migrate } from "../store/postgres/migrate.ts";

const USAGE = `Usage:
  npm run db:migrate                 apply the migrations the database lacks
  npm run db:import [-- DIR]         load a graph-data folder (default: ./graph-data) into an empty database
  npm run db:export -- DIR           write the database as a graph-data folder

The database is PEACEGRAPH_DATABASE_URL (postgres://user:password@host:port/database), or --database URL.
db:import applies the migrations first.`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { database: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    const [command, ...rest] = positionals;
    if (values.help) return undefined;
    if (command !== "migrate" && command !== "import" && command !== "export")
      throw new UsageError(`unknown command ${JSON.stringify(command ?? "")}`);
    if (rest.length > 1) throw new UsageError(`${command} takes at most one folder, got ${rest.join(" ")}`);
    if (command === "migrate" && rest.length > 0) throw new UsageError("migrate takes no folder");
    if (command === "export" && rest.length === 0) throw new UsageError("export needs the folder to write");
    return { command, dir: rest[0], database: values.database };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!parsed) {
    console.log(USAGE);
    return 0;
  }
  const env = parsed.database ? { ...process.env, PEACEGRAPH_DATABASE_URL: parsed.database } : process.env;
  const { database } = settingsFromEnvironment(env);
  if (!database.url) {
    console.error(`No database: set PEACEGRAPH_DATABASE_URL or pass --database.\n\n${USAGE}`);
    return 2;
  }
  const settings = { ...database, url: database.url, statementTimeoutMs: 0 };
  const client = new pg.Client(connectionConfig(settings));
  try {
    await client.connect();
  } catch (error) {
    console.error(describeConnectionError(error, settings).message);
    return 1;
  }
  try {
    if (parsed.command === "migrate" || parsed.command === "import") {
      const applied = await migrate(client);
      if (parsed.command === "migrate" || applied.length > 0)
        console.log(
          applied.length === 0
            ? `${redactUrl(settings.url)} is at schema version ${latestVersion()}: nothing to do.`
            : `Applied ${applied.map((m) => `${m.version} (${m.name})`).join(", ")} to ${redactUrl(settings.url)}.`,
        );
    }
    if (parsed.command === "import") {
      const dir = path.resolve(parsed.dir ?? "graph-data");
      const summary = await importFolder(client, dir);
      console.log(
        `Imported ${summary.claims} claims, ${summary.entities} entities, ${summary.sources} sources, ` +
          `${summary.journal} journal entries and ${summary.files} other files from ${dir} in ${Math.round(summary.ms)} ms.`,
      );
    }
    if (parsed.command === "export") {
      await checkSchema(client);
      const dir = path.resolve(parsed.dir!);
      const summary = await exportFolder(client, dir);
      console.log(
        `Exported ${summary.claims} claims, ${summary.entities} entities, ${summary.sources} sources, ` +
          `${summary.journal} journal entries and ${summary.files} other files to ${dir} in ${Math.round(summary.ms)} ms.`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof GraphDataError) {
      console.error(`Cannot import: the folder has ${error.problems.length} problem(s):`);
      for (const problem of error.problems) console.error(formatProblem(problem));
    } else
      console.error(`db:${parsed.command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
