import {
  fetchNodeDetails,
  fetchRelationDetails,
  type ConflictInfo,
  type NodeDetails,
  type RelationInfo,
} from "../api/details.ts";
import type { GraphQLClient } from "../api/graphql-client.ts";
import { append, el, externalLink, safeHref } from "../dom.ts";
import type { ViewerSettings } from "../settings.ts";
import type { Selection } from "../state/navigation.ts";
import { swatch } from "../controls/swatch.ts";
import { claimList } from "./claim-view.ts";

export interface DetailsPanelActions {
  select(selection: Selection): void;
  close(): void;
}

/** Conflicts are flagged loudly: both values stay visible, each with the claims and sources behind it. */
function conflictView(conflict: ConflictInfo, subject: string): HTMLElement {
  return el(
    "div",
    { className: "conflict", attrs: { role: "note" } },
    el("strong", { text: `⚠ Sources disagree on the ${conflict.property} of ${subject}` }),
    el(
      "ul",
      {},
      ...conflict.values.map((value) =>
        el("li", {}, el("span", { className: "conflict-value", text: value.value }), claimList(value.claims)),
      ),
    ),
  );
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function factList(rows: [string, Node | string | null][]): HTMLElement {
  const list = el("dl", { className: "facts" });
  for (const [term, value] of rows) {
    if (value === null || value === "") continue;
    list.append(el("dt", { text: term }), el("dd", {}, value));
  }
  return list;
}

/**
 * The right-hand panel: a node's facts, conflicts and relations grouped by type, each with its
 * quotes and sources; or one relation's claims. Details come from the API when something is picked.
 */
export class DetailsPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly heading: HTMLElement;
  private current: AbortController | null = null;
  private readonly nodeCache = new Map<string, NodeDetails | null>();
  private readonly relationCache = new Map<string, RelationInfo | null>();

  constructor(
    private readonly client: GraphQLClient,
    private readonly settings: ViewerSettings,
    private readonly actions: DetailsPanelActions,
  ) {
    this.heading = el("h2", { attrs: { id: "details-heading", tabindex: "-1" } });
    const closeButton = el("button", {
      className: "icon-button",
      attrs: { type: "button", "aria-label": "Close details (Esc)", title: "Close (Esc)" },
      text: "×",
    });
    closeButton.addEventListener("click", () => this.actions.close());
    this.body = el("div", { className: "details-body" });
    this.element = el(
      "aside",
      { className: "details", attrs: { "aria-labelledby": "details-heading", "data-testid": "details" } },
      el("header", { className: "details-header" }, this.heading, closeButton),
      this.body,
    );
    this.element.hidden = true;
  }

  async show(selection: Selection): Promise<void> {
    this.current?.abort();
    if (!selection) {
      this.element.hidden = true;
      this.element.removeAttribute("data-loaded");
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    this.element.hidden = false;
    this.element.removeAttribute("data-loaded");
    this.heading.textContent = selection.id;
    this.body.replaceChildren(el("p", { className: "muted", text: "Loading…" }));
    try {
      if (selection.kind === "node") {
        const details = await this.cached(this.nodeCache, selection.id, () =>
          fetchNodeDetails(this.client, this.settings, selection.id, controller.signal),
        );
        if (controller.signal.aborted) return;
        this.renderNode(selection.id, details);
      } else {
        const details = await this.cached(this.relationCache, selection.id, () =>
          fetchRelationDetails(this.client, selection.id, controller.signal),
        );
        if (controller.signal.aborted) return;
        this.renderRelation(selection.id, details);
      }
      this.element.setAttribute("data-loaded", selection.id);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.body.replaceChildren(
        el("p", { className: "error", text: `Could not load details: ${(error as Error).message}` }),
      );
    }
  }

  private async cached<T>(cache: Map<string, T | null>, id: string, load: () => Promise<T | null>) {
    if (!cache.has(id)) cache.set(id, await load());
    return cache.get(id) ?? null;
  }

  private nodeButton(id: string, label: string): HTMLButtonElement {
    const button = el("button", { className: "link-button", attrs: { type: "button" }, text: label });
    button.addEventListener("click", () => this.actions.select({ kind: "node", id }));
    return button;
  }

  private relationButton(id: string, label: string): HTMLButtonElement {
    const button = el("button", {
      className: "link-button small",
      attrs: { type: "button", title: "Show this relation alone" },
      text: label,
    });
    button.addEventListener("click", () => this.actions.select({ kind: "relation", id }));
    return button;
  }

  private renderNode(id: string, details: NodeDetails | null): void {
    if (!details) {
      this.heading.textContent = id;
      this.body.replaceChildren(el("p", { className: "error", text: "No such node in the graph." }));
      return;
    }
    this.heading.textContent = details.label;
    const wikidataHref = safeHref(details.wikidataUrl);
    const conflictsByTarget = new Map<string, ConflictInfo[]>();
    for (const conflict of details.conflicts) {
      conflictsByTarget.set(conflict.target.id, [
        ...(conflictsByTarget.get(conflict.target.id) ?? []),
        conflict,
      ]);
    }
    const own = conflictsByTarget.get(details.id) ?? [];
    const dateClaims = details.attributeClaims;

    const groups = new Map<string, RelationInfo[]>();
    for (const relation of details.relations) {
      groups.set(relation.type, [...(groups.get(relation.type) ?? []), relation]);
    }
    const relationSections = [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, relations]) =>
        el(
          "details",
          { className: "relation-group", attrs: { open: "" } },
          el(
            "summary",
            {},
            swatch(relations[0]!.color, "line"),
            `${type} · ${relations[0]!.relationType.label} (${relations.length})`,
          ),
          el(
            "ul",
            { className: "relations" },
            ...relations.map((relation) => this.relationItem(details.id, relation, conflictsByTarget)),
          ),
        ),
      );

    this.body.replaceChildren();
    append(
      this.body,
      el("p", {
        className: "meta",
        text: [
          details.kind.toLowerCase(),
          details.typeLabel,
          details.date ? details.date.text : null,
          plural(details.degree, "relation"),
        ]
          .filter(Boolean)
          .join(" · "),
      }),
      ...own.map((conflict) => conflictView(conflict, details.label)),
      el("p", { text: details.description }),
      factList([
        ["Id", details.id],
        ["Aliases", details.aliases.join(", ")],
        [
          "Wikidata",
          wikidataHref && details.wikidata
            ? externalLink(wikidataHref, details.wikidata)
            : (details.wikidata ?? "unknown"),
        ],
        ["CAMEO", details.cameo],
      ]),
      dateClaims.length > 0
        ? el("section", {}, el("h3", { text: "What the sources say about it" }), claimList(dateClaims))
        : null,
      el("h3", { text: `Relations (${details.relations.length})` }),
      ...relationSections,
    );
  }

  private relationItem(
    nodeId: string,
    relation: RelationInfo,
    conflictsByTarget: Map<string, ConflictInfo[]>,
  ): HTMLElement {
    const outgoing = relation.subject.id === nodeId;
    const other = outgoing ? relation.object : relation.subject;
    const conflicts = conflictsByTarget.get(relation.id) ?? [];
    return el(
      "li",
      { className: "relation" },
      el(
        "div",
        { className: "relation-head" },
        el("span", { className: "direction", text: outgoing ? "→ " : "← " }),
        this.nodeButton(other.id, other.label),
        el("span", {
          className: "muted",
          text: [
            relation.date ? ` · ${relation.date.text}` : "",
            relation.count !== null ? ` · count ${relation.count}` : "",
            ` · ${plural(relation.corroboration, "source")}`,
          ].join(""),
        }),
        " ",
        this.relationButton(relation.id, "claims ›"),
      ),
      ...conflicts.map((conflict) => conflictView(conflict, `this ${relation.type} relation`)),
      claimList(relation.claims),
    );
  }

  private renderRelation(id: string, relation: RelationInfo | null): void {
    if (!relation) {
      this.heading.textContent = id;
      this.body.replaceChildren(el("p", { className: "error", text: "No such relation in the graph." }));
      return;
    }
    this.heading.textContent = `${relation.subject.label} ${relation.relationType.label} ${relation.object.label}`;
    this.body.replaceChildren();
    append(
      this.body,
      el(
        "p",
        { className: "meta" },
        this.nodeButton(relation.subject.id, relation.subject.label),
        " ",
        swatch(relation.color, "line"),
        el("span", { className: "relation-type", text: ` ${relation.type} ` }),
        this.nodeButton(relation.object.id, relation.object.label),
      ),
      relation.relationType.description ? el("p", { text: relation.relationType.description }) : null,
      ...(relation.conflicts ?? []).map((conflict) => conflictView(conflict, "this relation")),
      factList([
        ["Family", relation.family.toLowerCase()],
        ["Date", relation.date?.text ?? "undated"],
        ["Count", relation.count === null ? null : String(relation.count)],
        ["Corroboration", plural(relation.corroboration, "source")],
        ["Confidence", String(relation.confidence)],
        ["CAMEO", relation.cameo],
        ["Goldstein", relation.goldstein === null ? null : String(relation.goldstein)],
        ["PLOVER", relation.plover ?? null],
      ]),
      el("h3", { text: `Claims (${relation.claims.length})` }),
      claimList(relation.claims),
    );
  }
}
