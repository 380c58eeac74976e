import {
  fetchNodeDetails,
  fetchRelationDetails,
  type ConflictInfo,
  type NodeDetails,
  type RelationInfo,
} from "../api/details.ts";
import type { ApiFeatures } from "../api/features.ts";
import type { GraphQLClient } from "../api/graphql-client.ts";
import type { Dataset } from "../data/dataset.ts";
import { append, el, externalLink, safeHref } from "../dom.ts";
import type { ViewerSettings } from "../settings.ts";
import type { Focus, Selection } from "../state/navigation.ts";
import { swatch } from "../controls/swatch.ts";
import { claimList, modalityChip } from "./claim-view.ts";
import { nodeDate, relationDate } from "./dates.ts";
import type { SourceTexts } from "./passage.ts";

export interface DetailsPanelActions {
  select(selection: Selection): void;
  close(): void;
  setFocus(focus: Focus): void;
  fit(nodes: string[]): void;
  /** A search box that picks the other end of a path from `from`. */
  pathPicker(from: string): HTMLElement;
}

export interface DetailsPanelContext {
  client: GraphQLClient;
  settings: ViewerSettings;
  features: () => ApiFeatures;
  dataset: () => Dataset | null;
  focus: () => Focus;
  texts: SourceTexts;
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

/** Relations listed with their quotes open; past this many, each relation's quotes fold away. */
const OPEN_CLAIMS_UP_TO = 12;

/**
 * The right-hand panel: a node's facts, disputes, focus tools and relations grouped by type, each
 * with its quotes in context; or one relation's claims. Details come from the API when something
 * is picked (the first load carries no claims).
 */
export class DetailsPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly heading: HTMLElement;
  private current: AbortController | null = null;
  private readonly nodeCache = new Map<string, NodeDetails | null>();
  private readonly relationCache = new Map<string, RelationInfo | null>();

  constructor(
    private readonly context: DetailsPanelContext,
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

  private sourceName = (id: string) => {
    const source = this.context.dataset()?.sourceById.get(id);
    return source ? (source.outlet ?? source.title) : id;
  };

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
    this.heading.textContent = this.context.dataset()?.entities.get(selection.id)?.label ?? selection.id;
    this.body.replaceChildren(el("p", { className: "muted", text: "Loading…" }));
    const { client, settings } = this.context;
    const features = this.context.features();
    try {
      if (selection.kind === "node") {
        const details = await this.cached(this.nodeCache, selection.id, () =>
          fetchNodeDetails(client, settings, features, selection.id, controller.signal),
        );
        if (controller.signal.aborted) return;
        this.renderNode(selection.id, details);
      } else {
        const details = await this.cached(this.relationCache, selection.id, () =>
          fetchRelationDetails(client, features, selection.id, controller.signal),
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

  /** Redraws the focus tools when the focus changes under an open panel. */
  refreshFocus(): void {
    const slot = this.body.querySelector<HTMLElement>(".focus-tools");
    const id = slot?.dataset.node;
    if (slot && id) slot.replaceWith(this.focusTools(id));
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
      attrs: { type: "button", title: "Show this relation alone", "data-relation": id },
      text: label,
    });
    button.addEventListener("click", () => this.actions.select({ kind: "relation", id }));
    return button;
  }

  /** Ego view (depth 1, 2, off), fit the neighbourhood, and a path to another node. */
  private focusTools(id: string): HTMLElement {
    const focus = this.context.focus();
    const egoDepth = focus?.kind === "ego" && focus.id === id ? focus.depth : 0;
    const egoButton = (depth: 0 | 1 | 2, text: string) => {
      const button = el("button", {
        className: "small",
        attrs: { type: "button", "data-ego": String(depth), "aria-pressed": String(egoDepth === depth) },
        text,
      });
      button.addEventListener("click", () =>
        this.actions.setFocus(depth === 0 ? null : { kind: "ego", id, depth }),
      );
      return button;
    };
    const fit = el("button", {
      className: "small",
      attrs: { type: "button", "data-action": "fit-neighbours" },
      text: "fit neighbours",
    });
    fit.addEventListener("click", () => {
      const dataset = this.context.dataset();
      const neighbours = dataset
        ? [...dataset.relations.values()]
            .filter((relation) => relation.subject === id || relation.object === id)
            .flatMap((relation) => [relation.subject, relation.object])
        : [];
      this.actions.fit([id, ...neighbours]);
    });
    return el(
      "div",
      { className: "focus-tools", attrs: { "data-node": id } },
      el(
        "div",
        { className: "row" },
        el("span", { className: "muted", text: "Ego view" }),
        egoButton(1, "1 step"),
        egoButton(2, "2 steps"),
        egoDepth ? egoButton(0, "off") : null,
        fit,
      ),
      el(
        "div",
        { className: "row path-row" },
        el("span", { className: "muted", text: "Path to" }),
        this.actions.pathPicker(id),
      ),
    );
  }

  private conflictView(conflict: ConflictInfo, subject: string): HTMLElement {
    return el(
      "div",
      { className: "conflict", attrs: { role: "note", "data-conflict": conflict.id } },
      el("strong", { text: `⚠ Sources disagree on the ${conflict.property} of ${subject}` }),
      el(
        "ul",
        {},
        ...conflict.values.map((value) =>
          el(
            "li",
            {},
            el("span", { className: "conflict-value", text: value.value }),
            claimList(value.claims, this.context.texts),
          ),
        ),
      ),
    );
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
    for (const conflict of details.conflicts)
      conflictsByTarget.set(conflict.target.id, [
        ...(conflictsByTarget.get(conflict.target.id) ?? []),
        conflict,
      ]);
    const own = conflictsByTarget.get(details.id) ?? [];
    // Claims shown in a dispute are not repeated below it.
    const inConflicts = new Set(
      own.flatMap((conflict) => conflict.values.flatMap((v) => v.claims.map((c) => c.id))),
    );
    const attributeClaims = details.attributeClaims.filter((claim) => !inConflicts.has(claim.id));

    const groups = new Map<string, RelationInfo[]>();
    for (const relation of details.relations)
      groups.set(relation.type, [...(groups.get(relation.type) ?? []), relation]);
    const openClaims = details.relations.length <= OPEN_CLAIMS_UP_TO;
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
            `${relations[0]!.relationType.label} (${relations.length})`,
            el("span", { className: "muted", text: ` ${type}` }),
          ),
          el(
            "ul",
            { className: "relations" },
            ...relations.map((relation) =>
              this.relationItem(details.id, relation, conflictsByTarget, openClaims),
            ),
          ),
        ),
      );

    const date = nodeDate(details.date, own, this.sourceName);
    this.body.replaceChildren();
    append(
      this.body,
      el(
        "p",
        { className: "meta" },
        [details.kind.toLowerCase(), details.typeLabel].join(" · "),
        date ? " · " : "",
        date,
        ` · ${plural(details.degree, "relation")}`,
      ),
      this.focusTools(details.id),
      ...own.map((conflict) => this.conflictView(conflict, details.label)),
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
      attributeClaims.length > 0
        ? el(
            "section",
            {},
            el("h3", { text: "What the sources say about it" }),
            claimList(attributeClaims, this.context.texts),
          )
        : null,
      el("h3", { text: `Relations (${details.relations.length})` }),
      ...relationSections,
    );
  }

  private relationItem(
    nodeId: string,
    relation: RelationInfo,
    conflictsByTarget: Map<string, ConflictInfo[]>,
    openClaims: boolean,
  ): HTMLElement {
    const outgoing = relation.subject.id === nodeId;
    const other = outgoing ? relation.object : relation.subject;
    const conflicts = (conflictsByTarget.get(relation.id) ?? []).filter(
      (conflict) => conflict.property !== "date",
    );
    const withConflicts = { ...relation, conflicts: conflictsByTarget.get(relation.id) ?? [] };
    const claims = claimList(relation.claims, this.context.texts);
    return el(
      "li",
      { className: "relation", attrs: { "data-relation-row": relation.id } },
      el(
        "div",
        { className: "relation-head" },
        el("span", { className: "direction", text: outgoing ? "→" : "←" }),
        this.nodeButton(other.id, other.label),
        modalityChip(relation.modality),
        this.relationButton(relation.id, "claims ›"),
      ),
      el(
        "div",
        { className: "relation-meta" },
        relationDate(withConflicts, this.context.dataset(), this.sourceName),
        relation.count !== null ? ` · count ${relation.count}` : "",
        ` · ${plural(relation.corroboration, "source")}`,
      ),
      ...conflicts.map((conflict) =>
        this.conflictView(conflict, `this ${relation.relationType.label} relation`),
      ),
      openClaims
        ? claims
        : el(
            "details",
            { className: "relation-claims" },
            el("summary", { text: plural(relation.claims.length, "quote") }),
            claims,
          ),
    );
  }

  private renderRelation(id: string, relation: RelationInfo | null): void {
    if (!relation) {
      this.heading.textContent = id;
      this.body.replaceChildren(el("p", { className: "error", text: "No such relation in the graph." }));
      return;
    }
    this.heading.textContent = `${relation.subject.label} ${relation.relationType.label} ${relation.object.label}`;
    const otherConflicts = (relation.conflicts ?? []).filter((conflict) => conflict.property !== "date");
    this.body.replaceChildren();
    append(
      this.body,
      el(
        "p",
        { className: "meta" },
        this.nodeButton(relation.subject.id, relation.subject.label),
        " ",
        swatch(relation.color, "line"),
        el("span", { className: "relation-type", text: ` ${relation.relationType.label} ` }),
        this.nodeButton(relation.object.id, relation.object.label),
        " ",
        modalityChip(relation.modality),
      ),
      relation.relationType.description ? el("p", { text: relation.relationType.description }) : null,
      ...(relation.conflicts ?? [])
        .filter((conflict) => conflict.property === "date")
        .map((conflict) => this.conflictView(conflict, "this relation")),
      ...otherConflicts.map((conflict) => this.conflictView(conflict, "this relation")),
      factList([
        ["Type", relation.type],
        ["Family", relation.family.toLowerCase()],
        ["Date", relationDate(relation, this.context.dataset(), this.sourceName)],
        ["Count", relation.count === null ? null : String(relation.count)],
        ["Corroboration", plural(relation.corroboration, "source")],
        ["Confidence", String(relation.confidence)],
        ["CAMEO", relation.cameo],
        ["Goldstein", relation.goldstein === null ? null : String(relation.goldstein)],
        ["PLOVER", relation.plover ?? null],
      ]),
      el("h3", { text: `Claims (${relation.claims.length}), by source` }),
      claimList(relation.claims, this.context.texts),
    );
  }
}
