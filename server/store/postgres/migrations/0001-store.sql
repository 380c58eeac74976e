-- The store of record: graph-data's records, the source texts, the files people write by hand,
-- and the journal of every change set. Records are kept as the JSON Lines records graph-data
-- documents (json keeps them as written, so an export gives the same bytes back).

-- Files that are not records: vocabularies, READMEs, and hand-written YAML record files as they were
-- imported (their records are in the tables below; the file is kept for its comments and layout).
CREATE TABLE files (
  path text PRIMARY KEY,
  content bytea NOT NULL
);

-- The order records were written in, so a load reads each file's records in their order.
CREATE SEQUENCE record_order;

CREATE TABLE sources (
  id text PRIMARY KEY,
  -- The graph-data file the record belongs to, relative to the folder.
  file text NOT NULL,
  ord bigint NOT NULL DEFAULT nextval('record_order'),
  record json NOT NULL,
  text text NOT NULL
);

CREATE TABLE entities (
  id text PRIMARY KEY,
  file text NOT NULL,
  ord bigint NOT NULL DEFAULT nextval('record_order'),
  record json NOT NULL
);

-- A claim's references are derived from its record by the database itself, so they can never
-- disagree with it, and checked at commit: a change set that removes an entity some claim still
-- names, or names an entity another writer has just removed, is refused as a whole.
CREATE TABLE claims (
  id text PRIMARY KEY,
  file text NOT NULL,
  ord bigint NOT NULL DEFAULT nextval('record_order'),
  record json NOT NULL,
  source text GENERATED ALWAYS AS (record ->> 'source') STORED NOT NULL
    REFERENCES sources (id) DEFERRABLE INITIALLY DEFERRED,
  subject text GENERATED ALWAYS AS (record ->> 'subject') STORED
    REFERENCES entities (id) DEFERRABLE INITIALLY DEFERRED,
  object text GENERATED ALWAYS AS (record ->> 'object') STORED
    REFERENCES entities (id) DEFERRABLE INITIALLY DEFERRED,
  attributed_to text GENERATED ALWAYS AS (record ->> 'attributedTo') STORED
    REFERENCES entities (id) DEFERRABLE INITIALLY DEFERRED,
  place text GENERATED ALWAYS AS (record -> 'qualifiers' ->> 'place') STORED
    REFERENCES entities (id) DEFERRABLE INITIALLY DEFERRED,
  event text GENERATED ALWAYS AS (record -> 'qualifiers' ->> 'event') STORED
    REFERENCES entities (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX sources_in_file_order ON sources (file COLLATE "C", ord);
CREATE INDEX entities_in_file_order ON entities (file COLLATE "C", ord);
CREATE INDEX claims_in_file_order ON claims (file COLLATE "C", ord);
-- Removing an entity looks for claims naming it.
CREATE INDEX claims_subject ON claims (subject);
CREATE INDEX claims_object ON claims (object);
CREATE INDEX claims_attributed_to ON claims (attributed_to) WHERE attributed_to IS NOT NULL;
CREATE INDEX claims_place ON claims (place) WHERE place IS NOT NULL;
CREATE INDEX claims_event ON claims (event) WHERE event IS NOT NULL;

-- One row per committed change set, in commit order: positions are handed out under an advisory
-- lock held until commit, so position n + 1 is never visible before position n. `line` is the
-- entry as reviews/journal.jsonl writes it; `key` makes a retried write take effect once.
CREATE TABLE journal (
  position bigint PRIMARY KEY CHECK (position > 0),
  id text NOT NULL UNIQUE,
  key text UNIQUE,
  request text,
  line text NOT NULL
);

CREATE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the journal is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
  FOR EACH ROW EXECUTE FUNCTION journal_is_append_only();
CREATE TRIGGER journal_never_truncated BEFORE TRUNCATE ON journal
  FOR EACH STATEMENT EXECUTE FUNCTION journal_is_append_only();
