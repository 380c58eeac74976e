/**
 * npm run export -- --format gexf --center armenia --depth 2 --out armenia.gexf
 * Writes a subgraph in one of the export formats, selected exactly as GET /export/<format> selects
 * it (server/export/selection-params.ts). Multi-file formats write <out stem>.<part>.csv next to
 * --out, or one ZIP when --out ends in .zip. No size limit applies here: it protects the server.
 */
import { createWriteStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { createGraphStore } from "../api/context.ts";
import { paced } from "../export/chunks.ts";
import { exportBaseName, exportSubgraph, exportZipChunks, type ExportResult } from "../export/export.ts";
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, isExportFormatId } from "../export/formats.ts";
import { UNLIMITED } from "../export/selection.ts";
import { selectByParams, SELECTION_PARAMS, type SelectionParam } from "../export/selection-params.ts";
import { buildKnowledgeGraph } from "../graph/build.ts";
import { loadGraphData } from "../model/load.ts";
import { formatProblem } from "../model/problems.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import { settingsFromEnvironment } from "../settings.ts";

const USAGE = `Usage: npm run export -- --format <format> (--center <ids> [--depth <n>] | --all | <filters>) [--out <file>]

  --format   ${EXPORT_FORMAT_IDS.join(", ")}
             (gexf is GEXF 1.2draft, which every reader takes; gexf-1.3 adds edge kinds for Gephi)
  --center   ${SELECTION_PARAMS.ids} (also --ids)
  --depth    ${SELECTION_PARAMS.depth}
  --types    ${SELECTION_PARAMS.types}
  --kinds    ${SELECTION_PARAMS.kinds}
  --from     ${SELECTION_PARAMS.from}
  --to       ${SELECTION_PARAMS.to}
  --sources  ${SELECTION_PARAMS.sources}
  --all      the whole graph (filters still apply)
  --out      the file to write; standard output when omitted (single-file formats only).
             gephi-csv and neo4j-csv write <stem>.nodes.csv and <stem>.edges.csv (or
             .relationships.csv) next to it, or one ZIP when it ends in .zip
  --data     the graph-data folder (default: PEACEGRAPH_DATA or ./graph-data)

Lists are comma-separated; every option but --all takes a value.`;

/** A mistake on the command line: printed with the usage hint, never with a stack trace. */
class UsageError extends Error {}

const LIST_OPTIONS = ["center", "ids", "types", "kinds", "sources"] as const;

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        format: { type: "string" },
        center: { type: "string", multiple: true },
        ids: { type: "string", multiple: true },
        depth: { type: "string" },
        types: { type: "string", multiple: true },
        kinds: { type: "string", multiple: true },
        from: { type: "string" },
        to: { type: "string" },
        sources: { type: "string", multiple: true },
        all: { type: "boolean" },
        out: { type: "string" },
        data: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Files are written as they are generated, so an export of any size needs little memory. */
const SLICE_MS = 50;

/** The files to write for a result: one, or one per part, or one ZIP. */
function outputFiles(
  result: ExportResult,
  out: string,
): { file: string; body: AsyncIterable<string | Buffer> }[] {
  if (result.parts.length === 1) return [{ file: out, body: paced(result.parts[0]!.chunks(), SLICE_MS) }];
  if (out.toLowerCase().endsWith(".zip")) return [{ file: out, body: exportZipChunks(result, SLICE_MS) }];
  const stem = out.replace(/\.[^./\\]*$/, "");
  return result.parts.map((part) => ({
    file: `${stem}.${part.name}${path.extname(part.filename)}`,
    body: paced(part.chunks(), SLICE_MS),
  }));
}

async function main(): Promise<number> {
  const options = parseCommandLine(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (!options.format) throw new UsageError("--format is required");
  if (!isExportFormatId(options.format))
    throw new UsageError(`unknown format "${options.format}"; known: ${EXPORT_FORMAT_IDS.join(", ")}`);
  const format = EXPORT_FORMATS[options.format];

  const params = new Map<SelectionParam, string[]>();
  const ids = [...(options.center ?? []), ...(options.ids ?? [])];
  if (ids.length > 0) params.set("ids", ids);
  for (const name of LIST_OPTIONS) {
    if (name !== "center" && name !== "ids" && options[name]) params.set(name, options[name]);
  }
  for (const name of ["depth", "from", "to"] as const) {
    if (options[name] !== undefined) params.set(name, [options[name]]);
  }
  if (options.all && ids.length > 0)
    throw new UsageError("--all exports the whole graph; drop --center or --all");
  if (!options.all && params.size === 0)
    throw new UsageError("nothing selected: give --center <id>, a filter, or --all for the whole graph");
  if (!options.out && format.parts.length > 1)
    throw new UsageError(`${format.id} writes several files: give --out <file> (or --out <file>.zip)`);

  const settings = settingsFromEnvironment();
  const dataDir = options.data ? path.resolve(options.data) : settings.dataDir;
  const { model, problems } = await loadGraphData(dataDir);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`export: ${dataDir} has ${problems.length} problem(s); run npm run validate`);
    return 1;
  }
  const store = createGraphStore(buildKnowledgeGraph(model), settings.layout);
  const { request, subgraph } = selectByParams(store.knowledge, params, UNLIMITED);
  const result = exportSubgraph(store, subgraph, format, UNLIMITED, exportBaseName(request.ids));
  const summary = `${result.nodeCount} nodes, ${result.relationCount} relations`;

  if (!options.out) {
    await pipeline(Readable.from(paced(result.parts[0]!.chunks(), SLICE_MS)), process.stdout, { end: false });
    console.error(`export: wrote ${format.title} to standard output: ${summary}`);
    return 0;
  }
  for (const { file, body } of outputFiles(result, path.resolve(options.out))) {
    await mkdir(path.dirname(file), { recursive: true });
    await pipeline(Readable.from(body), createWriteStream(file));
    const shown = path.relative(process.cwd(), file);
    console.log(`Wrote ${shown.startsWith("..") ? file : shown} (${(await stat(file)).size} bytes)`);
  }
  console.log(`${format.title}: ${summary}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`export: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    // Selection mistakes name the option, as written on the command line.
    if (error instanceof InvalidArgument) {
      const option = error.argument === "ids" ? "center" : error.argument;
      console.error(`export: --${option}: ${error.reason}`);
      process.exit(2);
    }
    console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
