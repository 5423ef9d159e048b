-- The whole domain in one first schema, so later work extends rather than reshapes it.
-- Records a user can delete and undo use AUTOINCREMENT: an id is never reused, so links and undo stay unambiguous.
-- Times are ISO-8601 UTC text; 64-bit values (addresses, bugcheck codes and parameters) are '0x…' lowercase hex text.

CREATE TABLE windows_versions (
  build      INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  release    TEXT,
  branch     TEXT,
  notes      TEXT NOT NULL DEFAULT ''
);

-- Content-addressed files kept with the notebook (driver images, dumps, pasted text, screenshots).
CREATE TABLE attachments (
  sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size        INTEGER NOT NULL,
  media_type  TEXT NOT NULL,
  original_name TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE drivers (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256          TEXT NOT NULL UNIQUE REFERENCES attachments(sha256),
  file_name       TEXT NOT NULL,
  size            INTEGER NOT NULL,
  machine         TEXT,
  time_date_stamp INTEGER,
  size_of_image   INTEGER,
  signed          INTEGER NOT NULL DEFAULT 0,
  session_imports INTEGER NOT NULL DEFAULT 0,
  imports_count   INTEGER NOT NULL DEFAULT 0,
  pdb_key         TEXT,
  image_key       TEXT,
  analysis_json   TEXT NOT NULL,
  analyzer_version INTEGER NOT NULL,
  error           TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX drivers_file_name ON drivers(file_name COLLATE NOCASE);

CREATE TABLE driver_imports (
  driver_id   INTEGER NOT NULL REFERENCES drivers(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  module      TEXT NOT NULL,
  delay_load  INTEGER NOT NULL DEFAULT 0,
  name        TEXT,
  ordinal     INTEGER,
  hint        INTEGER,
  PRIMARY KEY (driver_id, position)
);
CREATE INDEX driver_imports_module ON driver_imports(module COLLATE NOCASE);

CREATE TABLE driver_exports (
  driver_id   INTEGER NOT NULL REFERENCES drivers(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  name        TEXT,
  rva         INTEGER,
  forwarder   TEXT,
  PRIMARY KEY (driver_id, ordinal)
);
CREATE INDEX driver_exports_name ON driver_exports(name);

CREATE TABLE driver_sections (
  driver_id   INTEGER NOT NULL REFERENCES drivers(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  virtual_address INTEGER NOT NULL,
  virtual_size INTEGER NOT NULL,
  raw_size    INTEGER NOT NULL,
  characteristics INTEGER NOT NULL,
  entropy     REAL NOT NULL,
  PRIMARY KEY (driver_id, position)
);

-- What the analysis predicts for each load method (core/pe/loadPrediction.ts), kept as data so the outcome matrix
-- can set predictions against what experiments observed.
CREATE TABLE driver_predictions (
  driver_id   INTEGER NOT NULL REFERENCES drivers(id) ON DELETE CASCADE,
  load_method TEXT NOT NULL,
  context     TEXT NOT NULL,
  predicted   TEXT NOT NULL CHECK (predicted IN ('bugcheck', 'loads', 'unknown')),
  reason      TEXT NOT NULL,
  modules     TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (driver_id, load_method)
);

-- A loader path is an ordered list of steps of the kernel image loader (e.g. MiResolveImageReferences … MiSessionLookupImage).
CREATE TABLE loader_paths (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE loader_steps (
  id          INTEGER PRIMARY KEY,
  path_id     INTEGER NOT NULL REFERENCES loader_paths(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  function_name TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (path_id, position)
);

CREATE TABLE experiments (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  title           TEXT NOT NULL CHECK (length(title) > 0),
  driver_name     TEXT NOT NULL DEFAULT '',
  driver_id       INTEGER REFERENCES drivers(id) ON DELETE SET NULL,
  windows_build   INTEGER REFERENCES windows_versions(build) ON UPDATE CASCADE,
  windows_revision INTEGER,
  load_method     TEXT NOT NULL,
  process_context TEXT NOT NULL,
  outcome         TEXT NOT NULL CHECK (outcome IN ('pending', 'loaded', 'ntstatus', 'bugcheck', 'hang')),
  ntstatus        TEXT,
  bugcheck_code   TEXT,
  bugcheck_params TEXT NOT NULL DEFAULT '[]',
  notes           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX experiments_build ON experiments(windows_build);
CREATE INDEX experiments_driver ON experiments(driver_id);

-- What was seen at one loader step in one experiment.
CREATE TABLE step_observations (
  id            INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  step_id       INTEGER NOT NULL REFERENCES loader_steps(id) ON DELETE CASCADE,
  status        TEXT NOT NULL CHECK (status IN ('reached', 'not_reached', 'failed', 'unknown')),
  note          TEXT NOT NULL DEFAULT '',
  UNIQUE (experiment_id, step_id)
);

CREATE TABLE dumps (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256        TEXT NOT NULL UNIQUE REFERENCES attachments(sha256),
  file_name     TEXT NOT NULL,
  size          INTEGER NOT NULL,
  dump_type     TEXT,
  machine       TEXT,
  build         INTEGER,
  bugcheck_code TEXT,
  caused_by     TEXT,
  report_json   TEXT NOT NULL,
  experiment_id INTEGER REFERENCES experiments(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL
);

CREATE TABLE stacks (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  title         TEXT NOT NULL,
  experiment_id INTEGER REFERENCES experiments(id) ON DELETE SET NULL,
  dump_id       INTEGER REFERENCES dumps(id) ON DELETE SET NULL,
  source_kind   TEXT NOT NULL CHECK (source_kind IN ('paste', 'dump', 'file')),
  source_text   TEXT NOT NULL DEFAULT '',
  bugcheck_code TEXT,
  bugcheck_params TEXT NOT NULL DEFAULT '[]',
  os_build      INTEGER,
  os_revision   INTEGER,
  process_name  TEXT,
  caused_by     TEXT,
  parsed_json   TEXT NOT NULL DEFAULT '{}',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX stacks_experiment ON stacks(experiment_id);

CREATE TABLE frames (
  id          INTEGER PRIMARY KEY,
  stack_id    INTEGER NOT NULL REFERENCES stacks(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  frame_index INTEGER,
  child_sp    TEXT,
  ret_addr    TEXT,
  args        TEXT NOT NULL DEFAULT '[]',
  module      TEXT,
  function    TEXT,
  offset      TEXT,
  inline      INTEGER NOT NULL DEFAULT 0,
  source_file TEXT,
  source_line INTEGER,
  raw         TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  step_id     INTEGER REFERENCES loader_steps(id) ON DELETE SET NULL,
  UNIQUE (stack_id, position)
);

CREATE TABLE modules (
  id          INTEGER PRIMARY KEY,
  stack_id    INTEGER NOT NULL REFERENCES stacks(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  start       TEXT NOT NULL,
  "end"       TEXT NOT NULL,
  time_date_stamp INTEGER,
  session_space INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX modules_stack ON modules(stack_id);

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Files attached to any entity (screenshots of the crash, logs).
CREATE TABLE entity_attachments (
  sha256      TEXT NOT NULL REFERENCES attachments(sha256),
  entity_type TEXT NOT NULL,
  entity_id   INTEGER NOT NULL,
  caption     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sha256, entity_type, entity_id)
);

CREATE TABLE writeups (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  title       TEXT NOT NULL,
  slug        TEXT NOT NULL UNIQUE,
  body        TEXT NOT NULL DEFAULT '',
  format      TEXT NOT NULL DEFAULT 'jekyll' CHECK (format IN ('jekyll', 'hugo')),
  categories  TEXT NOT NULL DEFAULT '[]',
  published_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE taggings (
  tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('experiment', 'driver', 'stack', 'frame', 'note', 'writeup', 'dump')),
  entity_id   INTEGER NOT NULL,
  PRIMARY KEY (tag_id, entity_type, entity_id)
);
CREATE INDEX taggings_entity ON taggings(entity_type, entity_id);

-- A typed link between any two entities (experiment -> stack, frame -> loader step, write-up -> experiment …).
CREATE TABLE links (
  id          INTEGER PRIMARY KEY,
  from_type   TEXT NOT NULL,
  from_id     INTEGER NOT NULL,
  to_type     TEXT NOT NULL,
  to_id       INTEGER NOT NULL,
  relation    TEXT NOT NULL DEFAULT 'related',
  created_at  TEXT NOT NULL,
  UNIQUE (from_type, from_id, to_type, to_id, relation)
);
CREATE INDEX links_to ON links(to_type, to_id);

CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value_json  TEXT NOT NULL
);
