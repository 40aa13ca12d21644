-- lidarlabel team server, migration 1: the tables. Units and frames as in the native format
-- (docs/native-format.md): metres, radians, LiDAR frame of each sweep. One row per box with typed
-- columns and a version that grows by one per committed change (compare-and-set).
CREATE TABLE lidarlabel.users (
  id serial PRIMARY KEY,
  login name NOT NULL UNIQUE,                 -- the PostgreSQL login role
  pseudonym text NOT NULL UNIQUE              -- what other people see ("u17")
);
-- Real names: readable by admins only (grants in migration 3).
CREATE TABLE lidarlabel.user_names (
  user_id int PRIMARY KEY REFERENCES lidarlabel.users ON DELETE CASCADE,
  real_name text NOT NULL
);
CREATE TABLE lidarlabel.datasets (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE lidarlabel.sequences (
  id serial PRIMARY KEY,
  dataset_id int NOT NULL REFERENCES lidarlabel.datasets,
  name text NOT NULL,                         -- the store's name: "<dataset>/<name>"
  doc_name text NOT NULL DEFAULT '',          -- the native document's "name"
  sweep_root text NOT NULL,                   -- shared storage folder the sweep URIs resolve against
  sweep_format text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  UNIQUE (dataset_id, name)
);
CREATE TABLE lidarlabel.frames (
  id bigserial PRIMARY KEY,
  sequence_id int NOT NULL REFERENCES lidarlabel.sequences ON DELETE CASCADE,
  idx int NOT NULL CHECK (idx >= 0),          -- frame number in the sequence, from 0
  sweep_uri text NOT NULL,                    -- as in the native document (relative to sweep_root)
  sweep_hash text,                            -- "crc32:<hex>:<bytes>" at import; NULL = not read
  timestamp_us bigint NOT NULL,
  ego_pose float8[],                          -- 12 values, row-major 3x4 LiDAR -> world
  point_labels_path text NOT NULL DEFAULT '', -- the sidecar path written on export
  passthrough jsonb,
  review jsonb,                               -- frame review record (native "review")
  review_version bigint NOT NULL DEFAULT 1,
  annotation_seconds float8 NOT NULL DEFAULT 0,
  UNIQUE (sequence_id, idx)
);
-- Track ids are the point-label instance ids (16 bits), so they stay below 65,536.
CREATE TABLE lidarlabel.tracks (
  sequence_id int NOT NULL REFERENCES lidarlabel.sequences ON DELETE CASCADE,
  track_id int NOT NULL CHECK (track_id >= 0 AND track_id < 65536),
  PRIMARY KEY (sequence_id, track_id)
);
CREATE TABLE lidarlabel.boxes (
  id bigserial PRIMARY KEY,
  sequence_id int NOT NULL,                   -- the frame's sequence (copied: load by sequence)
  frame_id bigint NOT NULL REFERENCES lidarlabel.frames ON DELETE CASCADE,
  track_id int NOT NULL CHECK (track_id >= 0 AND track_id < 65536),
  class text NOT NULL,
  cx float8 NOT NULL, cy float8 NOT NULL, cz float8 NOT NULL,             -- centre, metres
  length float8 NOT NULL, width float8 NOT NULL, height float8 NOT NULL,  -- metres
  yaw float8 NOT NULL, pitch float8 NOT NULL DEFAULT 0, roll float8 NOT NULL DEFAULT 0,
  provenance text NOT NULL CHECK (provenance IN ('manual', 'interpolated', 'tracked', 'automatic')),
  review text NOT NULL DEFAULT 'unreviewed' CHECK (review IN ('unreviewed', 'accepted', 'rejected')),
  confidence real NOT NULL DEFAULT 1,
  attributes jsonb,                           -- {"name": "value"}; NULL = none
  review_log jsonb,                           -- native "review_log"; NULL = none
  client_key text UNIQUE,                     -- idempotency key of the insert (replayed journals)
  version bigint NOT NULL DEFAULT 1
);
CREATE INDEX boxes_frame ON lidarlabel.boxes (frame_id);
CREATE INDEX boxes_sequence ON lidarlabel.boxes (sequence_id, id);
-- Point labels of one frame: LZF-compressed uint16 semantic[n] then uint16 instance[n]
-- (little-endian), one version per frame.
CREATE TABLE lidarlabel.point_labels (
  frame_id bigint PRIMARY KEY REFERENCES lidarlabel.frames ON DELETE CASCADE,
  point_count int NOT NULL CHECK (point_count >= 0),
  codec text NOT NULL DEFAULT 'lzf',
  data bytea NOT NULL,
  version bigint NOT NULL DEFAULT 1
);
-- A task: a frame range of one sequence moving annotate -> review -> qa -> done. A claim is a
-- lease: assignee + lease_until; an expired lease can be claimed by someone else.
CREATE TABLE lidarlabel.tasks (
  id serial PRIMARY KEY,
  sequence_id int NOT NULL REFERENCES lidarlabel.sequences ON DELETE CASCADE,
  first_frame int NOT NULL,
  last_frame int NOT NULL,
  stage text NOT NULL DEFAULT 'annotate' CHECK (stage IN ('annotate', 'review', 'qa', 'done')),
  assignee int REFERENCES lidarlabel.users,
  lease_until timestamptz,
  version bigint NOT NULL DEFAULT 1,
  CHECK (first_frame >= 0 AND first_frame <= last_frame)
);
CREATE INDEX tasks_stage ON lidarlabel.tasks (stage, id);
CREATE INDEX tasks_assignee ON lidarlabel.tasks (assignee, stage);
-- Issues pinned to a frame, optionally a box and a position (LiDAR frame, metres), with comments.
CREATE TABLE lidarlabel.issues (
  id bigserial PRIMARY KEY,
  sequence_id int NOT NULL REFERENCES lidarlabel.sequences ON DELETE CASCADE,
  frame_idx int NOT NULL,
  box_id bigint REFERENCES lidarlabel.boxes ON DELETE SET NULL,
  position float8[],
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  author name NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE lidarlabel.comments (
  id bigserial PRIMARY KEY,
  issue_id bigint NOT NULL REFERENCES lidarlabel.issues ON DELETE CASCADE,
  body text NOT NULL,
  author name NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Append-only audit log, written by triggers only (migration 2). actor = session_user: the login
-- role of the person, also inside the SECURITY DEFINER trigger functions.
CREATE TABLE lidarlabel.audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor name NOT NULL,
  table_name text NOT NULL,
  op text NOT NULL,
  row_id bigint,
  version bigint,
  old_row jsonb,
  new_row jsonb
);
