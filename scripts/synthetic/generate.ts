/**
 * A seeded generator of valid synthetic graph-data, for benchmarks and scale tests. The same options
 * give the same bytes. The shape imitates the real corpus: a few hub actors (states, organisations)
 * with power-law degree, many events dated over four decades, several sources per event (so relations
 * are corroborated and some dates and counts conflict), aliases, quotes that are verbatim substrings
 * of the generated source texts, and relation types that respect their domain and range.
 *
 * Output is JSON Lines (claims/*.jsonl, entities/*.jsonl, sources/sources.jsonl with sources/<id>.txt)
 * beside a copy of the real vocabulary; see graph-data/README.md.
 */
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { readFileSync } from "node:fs";
import { parseYaml } from "../../server/model/yaml-file.ts";
import { readNodeTypes, readRelationTypes } from "../../server/model/read-vocabulary.ts";
import type { NodeKind, NodeType, RelationType } from "../../server/model/types.ts";
import {
  FILLER,
  FIRST_NAMES,
  HUB_ACTORS,
  LAST_NAMES,
  MONTHS,
  OUTLETS,
  REAL_PLACES,
  SYLLABLES,
} from "./names.ts";
import { PowerLaw, Random } from "./random.ts";

/** Bump when the output for a given seed changes, so cached benchmark data is regenerated. */
export const GENERATOR_VERSION = 1;

export const VOCABULARY_DIR = path.resolve(import.meta.dirname, "..", "..", "graph-data", "vocabulary");

export interface GenerateOptions {
  /** Exactly this many claims are written. */
  claims: number;
  seed: number;
  /** Output folder; created, or emptied if it holds an earlier generated tree. */
  out: string;
  /** Claims per claims/*.jsonl file. */
  claimsPerFile?: number;
}

export interface GenerateSummary {
  generator: number;
  seed: number;
  claims: number;
  relationClaims: number;
  attributeClaims: number;
  entities: number;
  actors: number;
  events: number;
  places: number;
  sources: number;
}

interface Entity {
  id: string;
  label: string;
  type: string;
  kind: NodeKind;
  aliases: string[];
  description: string;
  wikidata?: string | null;
  cameo?: string | null;
  /** For backbone relations: the organisation a person or force belongs to, the place a place lies in. */
  home?: Entity;
}

type DatePrecision = "day" | "month" | "year";

/** One fact about the world; each source that reports it writes a claim with its own wording. */
interface Fact {
  subject: Entity;
  relation: string;
  object: Entity;
  /** The verb phrase: "{subject} {verb} {object}". */
  verb: string;
  event?: Entity;
  count?: number;
  role?: string;
}

const MANIFEST = "generated.json";
const ADDED = "2026-11-22";
const FIRST_DAY = Date.UTC(1988, 0, 1);
const LAST_DAY = Date.UTC(2025, 11, 31);
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** The date as written in graph-data at a precision, and the phrase a source uses for it. */
function dateForms(ms: number, precision: DatePrecision, nbsp: boolean): { text: string; phrase: string } {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = MONTHS[d.getUTCMonth()]!;
  const space = nbsp ? "\u00a0" : " ";
  if (precision === "year") return { text: String(year), phrase: `in ${year}` };
  if (precision === "month")
    return { text: `${year}-${pad(d.getUTCMonth() + 1)}`, phrase: `in ${month} ${year}` };
  return { text: isoDay(ms), phrase: `on ${d.getUTCDate()}${space}${month} ${year}` };
}

/** Buffered writes of lines to one file at a time, so a million lines cost a few hundred syscalls. */
class LineWriter {
  private fd: number | undefined;
  private buffer: string[] = [];
  private bytes = 0;
  private fileIndex = 0;
  private linesInFile = 0;

  constructor(
    private readonly dir: string,
    private readonly name: (index: number) => string,
    private readonly linesPerFile = Infinity,
  ) {}

  write(line: string): void {
    if (this.fd === undefined || this.linesInFile >= this.linesPerFile) this.open();
    this.buffer.push(line, "\n");
    this.bytes += line.length + 1;
    this.linesInFile++;
    if (this.bytes > 1 << 22) this.flush();
  }

  private open(): void {
    this.close();
    this.fileIndex++;
    this.linesInFile = 0;
    this.fd = openSync(path.join(this.dir, this.name(this.fileIndex)), "w");
  }

  private flush(): void {
    if (this.fd !== undefined && this.buffer.length > 0) writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.bytes = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

interface OpenSource {
  id: string;
  outlet: string;
  target: number;
  claims: number;
  paragraphs: string[][];
  /** Style: curly apostrophes and non-breaking spaces, as some outlets print them. */
  nbsp: boolean;
  lastEventDay: number;
  /** Sentences already in the text, so a repeated fact reuses its sentence. */
  sentences: Set<string>;
}

/** Reads the real vocabularies, so the generator can check every claim against domain and range. */
function readVocabulary(): { nodeTypes: Map<string, NodeType>; relationTypes: Map<string, RelationType> } {
  const problems: never[] = [];
  const nodeTypesYaml = parseYaml(
    readFileSync(path.join(VOCABULARY_DIR, "node-types.yaml"), "utf8"),
    "node-types.yaml",
  );
  const relationsYaml = parseYaml(
    readFileSync(path.join(VOCABULARY_DIR, "relations.yaml"), "utf8"),
    "relations.yaml",
  );
  const nodeTypes = readNodeTypes(nodeTypesYaml.yaml!, problems);
  const relationTypes = readRelationTypes(relationsYaml.yaml!, nodeTypes, problems);
  return { nodeTypes, relationTypes };
}

function prepareOutput(out: string): void {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(MANIFEST)) {
      throw new Error(`${out} is not empty and holds no ${MANIFEST}: refusing to overwrite it`);
    }
    for (const entry of entries) rmSync(path.join(out, entry), { recursive: true, force: true });
  }
  for (const folder of ["sources", "entities", "claims"])
    mkdirSync(path.join(out, folder), { recursive: true });
  cpSync(VOCABULARY_DIR, path.join(out, "vocabulary"), { recursive: true });
}

/** Generates a graph-data tree of exactly `options.claims` claims. */
export function generateGraphData(options: GenerateOptions): GenerateSummary {
  const { claims: totalClaims, seed, out } = options;
  if (!Number.isInteger(totalClaims) || totalClaims < 1)
    throw new Error("claims must be a positive whole number");
  const random = new Random(seed);
  const { nodeTypes, relationTypes } = readVocabulary();
  prepareOutput(out);

  const kindOf = (type: string): NodeKind => {
    const nodeType = nodeTypes.get(type);
    if (!nodeType) throw new Error(`generator uses unknown node type ${type}`);
    return nodeType.kind;
  };
  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };
  const slug = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/\p{Mn}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const inventedName = (syllables: number) =>
    capitalise(Array.from({ length: syllables }, () => random.pick(SYLLABLES)).join(""));

  // --- Actors: the hubs, then synthetic actors of every type ------------------------------------
  const actors: Entity[] = HUB_ACTORS.map((actor) => {
    usedIds.add(actor.id);
    return { ...actor, kind: kindOf(actor.type) };
  });
  // Synthetic people, forces and groups belong to one of the hub states and organisations.
  const parents = actors.filter(
    (actor) => actor.type === "state" || actor.type === "intergovernmental_organisation",
  );
  const parentLaw = new PowerLaw(parents.length, 1.2);
  const actorCount = Math.max(HUB_ACTORS.length + 40, Math.round(totalClaims / 100));
  const actorTypes: [string, number][] = [
    ["person", 50],
    ["group", 14],
    ["armed_force", 10],
    ["commission", 5],
    ["office", 5],
    ["state", 5],
    ["intergovernmental_organisation", 4],
    ["experts", 3],
    ["court", 2],
    ["bloc", 2],
  ];
  while (actors.length < actorCount) {
    const type = random.weighted(actorTypes);
    const home = parents[parentLaw.sample(random)]!;
    let label: string;
    const aliases: string[] = [];
    if (type === "person") {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      label = `${first} ${last}`;
      if (random.chance(0.4)) aliases.push(`${first.charAt(0)}. ${last}`);
    } else if (type === "state") {
      const name = inventedName(2);
      label = `Republic of ${name}`;
      aliases.push(name);
    } else if (type === "intergovernmental_organisation") {
      const name = inventedName(2);
      label = `${name} Cooperation Council`;
      aliases.push(`${name.slice(0, 3).toUpperCase()}CC`);
    } else if (type === "group") {
      label =
        random.pick([
          "Detained soldiers",
          "Displaced residents",
          "Border guards",
          "Civilian volunteers",
          "Local officials",
        ]) + ` of ${inventedName(2)}`;
    } else if (type === "armed_force") {
      label = `${home.label} ${random.pick(["peacekeeping contingent", "border troops", "motorised brigade", "observer mission"])} ${actors.length}`;
    } else if (type === "commission") {
      label = `${inventedName(2)} delimitation commission`;
    } else if (type === "office") {
      label = `Office of the ${random.pick(["special envoy", "ombudsman", "coordinator", "spokesperson"])} ${actors.length}`;
    } else if (type === "experts") {
      label = `${random.pick(["Regional analysts", "Legal experts", "Military observers"])} ${actors.length}`;
    } else if (type === "court") {
      label = `${inventedName(2)} arbitration tribunal`;
    } else {
      label = `${inventedName(2)} bloc`;
    }
    const id = uniqueId(slug(label));
    actors.push({
      id,
      label,
      type,
      kind: "actor",
      aliases,
      description: `Synthetic ${nodeTypes.get(type)!.label.toLowerCase()} ${actors.length}.`,
      home: type === "state" || type === "intergovernmental_organisation" ? undefined : home,
    });
  }

  // --- Places ----------------------------------------------------------------------------------
  const places: Entity[] = REAL_PLACES.map((place) => {
    usedIds.add(place.id);
    return { ...place, kind: "place", description: `${place.label}, a place named in the sources.` };
  });
  const placeCount = Math.max(REAL_PLACES.length + 20, Math.round(totalClaims / 200));
  const placeTypes: [string, number][] = [
    ["settlement", 55],
    ["district", 20],
    ["region", 15],
    ["corridor", 5],
    ["border", 5],
  ];
  const states = actors.filter((actor) => actor.type === "state");
  const stateLaw = new PowerLaw(states.length, 1.5);
  const regions = places.filter((place) => place.type === "region");
  while (places.length < placeCount) {
    const type = random.weighted(placeTypes);
    const name = inventedName(random.int(2, 3));
    const label =
      type === "settlement"
        ? name
        : type === "district"
          ? `${name} district`
          : type === "region"
            ? `${name} region`
            : type === "corridor"
              ? `${name} corridor`
              : `${name} border crossing`;
    const home =
      (type === "settlement" || type === "district") && random.chance(0.7)
        ? random.pick(regions)
        : states[stateLaw.sample(random)];
    const place: Entity = {
      id: uniqueId(slug(label)),
      label,
      type,
      kind: "place",
      aliases: random.chance(0.2) ? [`${name}i`] : [],
      description: `Synthetic ${type} ${places.length}.`,
      home,
    };
    places.push(place);
    if (type === "region") regions.push(place);
  }

  const actorLaw = new PowerLaw(actors.length, 1.05);
  const placeLaw = new PowerLaw(places.length, 0.9);
  const pickActor = (not?: Set<Entity>, accept: (actor: Entity) => boolean = () => true): Entity => {
    for (let tries = 0; tries < 50; tries++) {
      const actor = actors[actorLaw.sample(random)]!;
      if ((!not || !not.has(actor)) && accept(actor)) return actor;
    }
    // Rare: fall back to the first acceptable actor in hub order.
    return actors.find((actor) => (!not || !not.has(actor)) && accept(actor))!;
  };
  const pickPlace = () => places[placeLaw.sample(random)]!;
  const isOrganisation = (actor: Entity) =>
    actor.type === "state" ||
    actor.type === "intergovernmental_organisation" ||
    actor.type === "mediation_format";
  const courts = actors.filter((actor) => actor.type === "court");
  const courtLaw = new PowerLaw(Math.max(1, courts.length), 1.5);
  const groups = actors.filter((actor) => actor.type === "group" || actor.type === "person");
  const displaced = actors.filter((actor) => actor.type === "group");
  const forces = actors.filter((actor) => actor.type === "armed_force");

  // --- Writers ---------------------------------------------------------------------------------
  const claimWriter = new LineWriter(
    path.join(out, "claims"),
    (i) => `claims-${pad(i, 4)}.jsonl`,
    options.claimsPerFile ?? 100_000,
  );
  const eventWriter = new LineWriter(path.join(out, "entities"), () => "events.jsonl");
  const sourceWriter = new LineWriter(path.join(out, "sources"), () => "sources.jsonl");
  const entityLine = (entity: Entity) =>
    JSON.stringify({
      id: entity.id,
      label: entity.label,
      type: entity.type,
      ...(entity.aliases.length > 0 ? { aliases: entity.aliases } : {}),
      description: entity.description,
      ...(entity.wikidata ? { wikidata: entity.wikidata } : {}),
      ...(entity.cameo ? { cameo: entity.cameo } : {}),
    });

  // --- Sources: a window of open articles; each closes when it has its share of claims ----------
  const WINDOW = 6;
  let sourceCount = 0;
  const open: OpenSource[] = [];
  const openSource = (): OpenSource => {
    sourceCount++;
    const outlet = random.pick(OUTLETS);
    return {
      id: `${slug(outlet)}-${pad(sourceCount, 6)}`,
      outlet,
      target: random.int(20, 80),
      claims: 0,
      paragraphs: [[]],
      nbsp: random.chance(0.15),
      lastEventDay: FIRST_DAY,
      sentences: new Set(),
    };
  };
  const closeSource = (source: OpenSource) => {
    const published = Math.min(LAST_DAY, source.lastEventDay + random.int(1, 5) * DAY_MS);
    const title = `${source.outlet} report ${source.id.slice(-6)}`;
    const text = [title, ...source.paragraphs.map((sentences) => sentences.join(" "))].join("\n\n") + "\n";
    writeFileSync(path.join(out, "sources", `${source.id}.txt`), text);
    sourceWriter.write(
      JSON.stringify({
        id: source.id,
        title,
        outlet: source.outlet,
        url: `https://example.org/${slug(source.outlet)}/${source.id}`,
        published: isoDay(published),
        author: random.chance(0.5) ? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}` : null,
        language: "en",
        added: ADDED,
      }),
    );
  };
  for (let i = 0; i < WINDOW; i++) open.push(openSource());
  /** Adds a sentence to a source's text (once), with filler now and then; returns it. */
  const say = (source: OpenSource, sentence: string) => {
    if (source.sentences.has(sentence)) return;
    source.sentences.add(sentence);
    const paragraph = source.paragraphs[source.paragraphs.length - 1]!;
    paragraph.push(sentence);
    if (random.chance(0.15)) paragraph.push(random.pick(FILLER));
    if (paragraph.length >= 6) source.paragraphs.push([]);
  };

  // --- Claims ----------------------------------------------------------------------------------
  let written = 0;
  let relationClaims = 0;
  let attributeClaims = 0;
  const confidences = [0.6, 0.7, 0.8, 0.9, 0.95];
  const fits = (entity: Entity, allowed: readonly string[]) =>
    allowed.includes(entity.kind) || allowed.includes(entity.type);
  const writeClaim = (source: OpenSource, fields: Record<string, unknown>) => {
    const id = `${source.id}-${pad(source.claims + 1, 3)}`;
    source.claims++;
    written++;
    claimWriter.write(
      JSON.stringify({
        id,
        source: source.id,
        ...fields,
        confidence: random.pick(confidences),
        status: random.chance(0.9) ? "extracted" : "curated",
      }),
    );
  };
  const reportFact = (source: OpenSource, fact: Fact, eventDay: number) => {
    const type = relationTypes.get(fact.relation);
    if (!type) throw new Error(`generator uses unknown relation ${fact.relation}`);
    if (!fits(fact.subject, type.domain) || !fits(fact.object, type.range)) {
      throw new Error(
        `generator breaks ${fact.relation}'s domain or range: ${fact.subject.id} -> ${fact.object.id}`,
      );
    }
    const qualifiers: Record<string, unknown> = {};
    let core = `${fact.subject.label} ${fact.verb} ${fact.object.label}`;
    if (fact.count !== undefined) {
      const approximate = random.chance(0.3);
      // Sources disagree about counts now and then.
      const count = random.chance(0.1) ? fact.count + random.int(1, 5) : fact.count;
      core = `${fact.subject.label} ${fact.verb} ${approximate ? "about " : ""}${count} ${fact.object.label}`;
      qualifiers.count = count;
      if (approximate) qualifiers.approximate = true;
    }
    if (random.chance(0.2)) {
      const precision = random.weighted<DatePrecision>([
        ["day", 2],
        ["month", 2],
        ["year", 1],
      ]);
      const { text, phrase } = dateForms(eventDay, precision, source.nbsp);
      core += ` ${phrase}`;
      qualifiers.date = text;
    }
    if (fact.event) qualifiers.event = fact.event.id;
    if (fact.role) qualifiers.role = fact.role;
    say(source, `${core}.`);
    relationClaims++;
    writeClaim(source, {
      subject: fact.subject.id,
      relation: fact.relation,
      object: fact.object.id,
      quote: core,
      ...(Object.keys(qualifiers).length > 0 ? { qualifiers } : {}),
    });
  };
  const reportDate = (source: OpenSource, event: Entity, eventDay: number) => {
    // Now and then a source gets the day wrong: a date conflict.
    const day = random.chance(0.05) ? eventDay + random.int(1, 40) * DAY_MS : eventDay;
    const precision = random.weighted<DatePrecision>([
      ["day", 5],
      ["month", 3],
      ["year", 2],
    ]);
    const { text, phrase } = dateForms(day, precision, source.nbsp);
    const core = `${event.label} took place ${phrase}`;
    say(source, `${core}.`);
    attributeClaims++;
    writeClaim(source, { subject: event.id, property: "date", value: text, quote: core });
  };

  const eventTypes: [string, number][] = [
    ["negotiation", 24],
    ["statement", 14],
    ["joint_statement", 6],
    ["agreement", 6],
    ["conference", 7],
    ["clash", 12],
    ["prisoner_release", 5],
    ["ceasefire", 4],
    ["offensive", 3],
    ["deployment", 4],
    ["court_decision", 5],
    ["declaration", 3],
    ["displacement", 3],
    ["candidacy", 2],
  ];
  const eventNouns: Record<string, string> = {
    negotiation: "talks",
    statement: "statement",
    joint_statement: "joint statement",
    agreement: "agreement",
    conference: "conference",
    clash: "border clash",
    prisoner_release: "prisoner exchange",
    ceasefire: "ceasefire",
    offensive: "offensive",
    deployment: "deployment",
    court_decision: "court ruling",
    declaration: "declaration",
    displacement: "displacement",
    candidacy: "candidacy",
  };
  const expectedEvents = Math.max(10, Math.round(totalClaims / 11));
  let eventIndex = 0;
  const events: Entity[] = [];

  while (written < totalClaims) {
    // Events run forward in time, denser in recent years.
    const fraction = Math.min(1, eventIndex / expectedEvents);
    const base = FIRST_DAY + (1 - (1 - fraction) ** 1.5) * (LAST_DAY - FIRST_DAY);
    const eventDay = Math.min(LAST_DAY, Math.floor(base / DAY_MS) * DAY_MS + random.int(0, 6) * DAY_MS);
    eventIndex++;
    const type = random.weighted(eventTypes);
    const place = pickPlace();
    const { phrase: monthPhrase } = dateForms(eventDay, "month", false);
    const year = new Date(eventDay).getUTCFullYear();
    const event: Entity = {
      id: uniqueId(`${slug(eventNouns[type]!)}-${year}-${pad(eventIndex, 6)}`),
      label: `${place.label} ${eventNouns[type]} ${monthPhrase.slice(3)} (${eventIndex})`,
      type,
      kind: "event",
      aliases: random.chance(0.15) ? [`${eventNouns[type]} no. ${eventIndex}`] : [],
      description: `Synthetic ${nodeTypes.get(type)!.label.toLowerCase()} ${eventIndex}.`,
    };
    events.push(event);
    eventWriter.write(entityLine(event));

    const taken = new Set<Entity>();
    const participants: Entity[] = [];
    const participantCount = random.int(2, 4);
    for (let i = 0; i < participantCount; i++) {
      const actor = pickActor(taken);
      taken.add(actor);
      participants.push(actor);
    }
    const [first, second] = participants as [Entity, Entity];
    const facts: Fact[] = [{ subject: event, relation: "OCCURRED_IN", object: place, verb: "took place in" }];
    const partakes = type !== "clash" && type !== "offensive" && type !== "displacement";
    if (partakes)
      for (const actor of participants)
        facts.push({ subject: actor, relation: "PARTICIPATED_IN", object: event, verb: "took part in" });
    const mediator = () => pickActor(taken, isOrganisation);
    switch (type) {
      case "negotiation":
        facts.push({
          subject: first,
          relation: "NEGOTIATED",
          object: second,
          verb: "held talks with",
          event,
        });
        if (random.chance(0.6))
          facts.push({
            subject: mediator(),
            relation: "MEDIATED",
            object: event,
            verb: "mediated",
            role: random.chance(0.2) ? "co-chair" : undefined,
          });
        break;
      case "statement":
      case "declaration":
        facts.push({ subject: first, relation: "ISSUED", object: event, verb: "issued" });
        if (random.chance(0.5))
          facts.push({ subject: second, relation: "REJECTED", object: event, verb: "rejected" });
        break;
      case "joint_statement":
        facts.push(
          { subject: first, relation: "ISSUED", object: event, verb: "issued" },
          { subject: second, relation: "ISSUED", object: event, verb: "issued" },
        );
        break;
      case "agreement":
        for (const actor of participants.slice(0, 2))
          facts.push({
            subject: actor,
            relation: random.chance(0.7) ? "SIGNED" : "AGREED",
            object: event,
            verb: "signed",
          });
        if (random.chance(0.5))
          facts.push({ subject: mediator(), relation: "MEDIATED", object: event, verb: "brokered" });
        break;
      case "conference":
        facts.push({ subject: pickActor(taken), relation: "PROPOSED", object: event, verb: "proposed" });
        break;
      case "clash":
        facts.push({
          subject: first,
          relation: "ATTACKED",
          object: second,
          verb: "fired on positions of",
          event,
        });
        facts.push({ subject: second, relation: "ACCUSED", object: first, verb: "accused", event });
        facts.push({ subject: event, relation: "TARGETED", object: place, verb: "hit" });
        break;
      case "prisoner_release":
        facts.push({
          subject: first,
          relation: "RELEASED",
          object: groups.length > 0 ? random.pick(groups) : second,
          verb: "released",
          event,
          count: random.int(2, 60),
        });
        if (random.chance(0.7))
          facts.push({ subject: mediator(), relation: "MEDIATED", object: event, verb: "facilitated" });
        break;
      case "ceasefire":
        facts.push({
          subject: first,
          relation: "DECLARED_CEASEFIRE",
          object: second,
          verb: "agreed a ceasefire with",
          event,
        });
        facts.push({ subject: mediator(), relation: "MEDIATED", object: event, verb: "brokered" });
        break;
      case "offensive":
        facts.push({ subject: first, relation: "INITIATED", object: event, verb: "launched" });
        facts.push({ subject: first, relation: "CAPTURED", object: place, verb: "took control of", event });
        break;
      case "deployment":
        facts.push({
          subject: first,
          relation: "DEPLOYED",
          object: forces.length > 0 && random.chance(0.6) ? random.pick(forces) : place,
          verb: "deployed",
        });
        break;
      case "court_decision": {
        const court = courts[courtLaw.sample(random)];
        if (court)
          facts.push({
            subject: court,
            relation: "RULED_ON",
            object: first,
            verb: "ruled on the requests of",
          });
        facts.push({
          subject: first,
          relation: "FILED_CASE",
          object: second,
          verb: "brought a case against",
          event,
        });
        break;
      }
      case "displacement":
        if (displaced.length > 0)
          facts.push({
            subject: random.pick(displaced),
            relation: "FLED_TO",
            object: pickPlace(),
            verb: "fled to",
          });
        facts.push({ subject: event, relation: "INVOLVED", object: place, verb: "affected" });
        break;
      case "candidacy":
        facts.push({ subject: second, relation: "SUPPORTED", object: event, verb: "backed" });
        break;
    }
    // Reactions from the hubs, and now and then a structural fact about a participant.
    for (let i = random.int(0, 2); i > 0; i--) {
      const reactor = pickActor(taken, isOrganisation);
      facts.push(
        random.chance(0.6)
          ? { subject: reactor, relation: "WELCOMED", object: event, verb: "welcomed" }
          : { subject: reactor, relation: "URGED", object: first, verb: "urged", event },
      );
    }
    for (const actor of participants) {
      if (!actor.home || !random.chance(0.2)) continue;
      facts.push(
        actor.type === "person" && random.chance(0.3)
          ? { subject: actor, relation: "LEADS", object: actor.home, verb: "leads" }
          : { subject: actor, relation: "MEMBER_OF", object: actor.home, verb: "is a member of" },
      );
    }
    if (place.home && random.chance(0.2))
      facts.push({ subject: place, relation: "LOCATED_IN", object: place.home, verb: "lies in" });

    // Several sources report each event; each reports most of its facts.
    const reporters = new Set<OpenSource>();
    const reporterCount = Math.min(
      WINDOW,
      1 + (random.chance(0.65) ? 1 : 0) + (random.chance(0.4) ? 1 : 0) + (random.chance(0.2) ? 1 : 0),
    );
    while (reporters.size < reporterCount) reporters.add(random.pick(open));
    for (const source of reporters) {
      if (written >= totalClaims) break;
      source.lastEventDay = Math.max(source.lastEventDay, eventDay);
      if (random.chance(0.6)) reportDate(source, event, eventDay);
      for (const fact of facts) {
        if (written >= totalClaims) break;
        if (random.chance(0.75)) reportFact(source, fact, eventDay);
      }
      source.paragraphs.push([]);
      if (source.claims >= source.target) {
        closeSource(source);
        open[open.indexOf(source)] = openSource();
      }
    }
  }
  for (const source of open) if (source.claims > 0) closeSource(source);
  claimWriter.close();
  eventWriter.close();
  sourceWriter.close();
  const actorWriter = new LineWriter(path.join(out, "entities"), () => "actors.jsonl");
  for (const actor of actors) actorWriter.write(entityLine(actor));
  actorWriter.close();
  const placeWriter = new LineWriter(path.join(out, "entities"), () => "places.jsonl");
  for (const place of places) placeWriter.write(entityLine(place));
  placeWriter.close();

  const sourcesWritten = open.filter((source) => source.claims > 0).length + sourceCount - open.length;
  const summary: GenerateSummary = {
    generator: GENERATOR_VERSION,
    seed,
    claims: written,
    relationClaims,
    attributeClaims,
    entities: actors.length + places.length + events.length,
    actors: actors.length,
    events: events.length,
    places: places.length,
    sources: sourcesWritten,
  };
  writeFileSync(path.join(out, MANIFEST), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** The manifest of a generated tree, or undefined when `dir` holds none. */
export function readManifest(dir: string): GenerateSummary | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, MANIFEST), "utf8")) as GenerateSummary;
  } catch {
    return undefined;
  }
}
