import { DEFAULT_EXPORT_FORMATS, type ExportFormat } from "../state/export-url.ts";
import type { GraphQLClient } from "./graphql-client.ts";
import { EXPORT_FORMATS_QUERY } from "./queries.ts";

interface ExportListing {
  formats?: { id: string; title?: string; readBy?: string }[];
}

interface EnumData {
  __type: { enumValues: { name: string; description: string | null }[] | null } | null;
}

const labelOf = (id: string) => DEFAULT_EXPORT_FORMATS.find((format) => format.id === id)?.label ?? id;

/**
 * The formats the server offers: GET /export lists them; else the schema's ExportFormat enum (GEPHI_CSV
 * is /export/gephi-csv); else the agreed list, so the buttons exist even before the endpoint does.
 */
export async function fetchExportFormats(client: GraphQLClient, exportUrl: string): Promise<ExportFormat[]> {
  try {
    const response = await fetch(exportUrl, { headers: { accept: "application/json" } });
    const listing = response.ok ? ((await response.json()) as ExportListing) : null;
    if (listing?.formats && listing.formats.length > 0)
      return listing.formats.map((format) => ({
        id: format.id,
        label: labelOf(format.id),
        description: [format.title, format.readBy].filter(Boolean).join(" — "),
      }));
  } catch {
    // Not there yet: ask the schema.
  }
  try {
    const values = (await client.request<EnumData>(EXPORT_FORMATS_QUERY)).__type?.enumValues;
    if (values && values.length > 0)
      return values.map((value) => {
        const id = value.name.toLowerCase().replaceAll("_", "-");
        return { id, label: labelOf(id), description: value.description ?? "" };
      });
  } catch {
    // Fall through to the agreed list.
  }
  return DEFAULT_EXPORT_FORMATS;
}
