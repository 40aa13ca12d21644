-- lidarlabel team server, migration 2: group roles, the audit log, change notifications and the
-- review-state guard. Trigger functions that write the audit log are SECURITY DEFINER (people
-- cannot write it themselves); inside them current_user is the owner, so the actor is taken from
-- session_user, the login role of the person.
DO $$
DECLARE g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['lidarlabel_annotator', 'lidarlabel_reviewer', 'lidarlabel_qa',
                           'lidarlabel_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', g);
    END IF;
  END LOOP;
END $$;

-- Statement-level audit: one row per changed row, from the transition tables. A statement that
-- inserts more than 1,000 rows at once (an import) is logged as one row: {"count", "first_id",
-- "last_id"} of what it added. TG_ARGV[0] = key column, TG_ARGV[1] = version column.
-- Point-label data is not copied.
CREATE FUNCTION lidarlabel.audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE k text := TG_ARGV[0]; v text := TG_ARGV[1]; cnt bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO cnt FROM new_rows;
    IF cnt > 1000 THEN
      EXECUTE format('INSERT INTO lidarlabel.audit_log (actor, table_name, op, new_row) '
                     'SELECT session_user, %L, ''BULK INSERT'', jsonb_build_object(''count'', '
                     'count(*), ''first_id'', min(%I), ''last_id'', max(%I)) FROM new_rows',
                     TG_TABLE_NAME, k, k);
      RETURN NULL;
    END IF;
    INSERT INTO lidarlabel.audit_log (actor, table_name, op, row_id, version, new_row)
    SELECT session_user, TG_TABLE_NAME, TG_OP, (j ->> k)::bigint, (j ->> v)::bigint, j - 'data'
    FROM (SELECT to_jsonb(n) AS j FROM new_rows n) s;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO lidarlabel.audit_log (actor, table_name, op, row_id, version, old_row, new_row)
    SELECT session_user, TG_TABLE_NAME, TG_OP, (nj ->> k)::bigint, (nj ->> v)::bigint,
           oj - 'data', nj - 'data'
    FROM (SELECT to_jsonb(n) AS nj FROM new_rows n) a
    JOIN (SELECT to_jsonb(o) AS oj FROM old_rows o) b ON a.nj -> k = b.oj -> k;
  ELSE
    INSERT INTO lidarlabel.audit_log (actor, table_name, op, row_id, version, old_row)
    SELECT session_user, TG_TABLE_NAME, TG_OP, (j ->> k)::bigint, (j ->> v)::bigint, j - 'data'
    FROM (SELECT to_jsonb(o) AS j FROM old_rows o) s;
  END IF;
  RETURN NULL;
END $$;

-- The notified fields of one changed row (j = to_jsonb(row)): ids and versions only.
CREATE FUNCTION lidarlabel.change_of(j jsonb, k text, v text) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('sequence', j -> 'sequence_id', 'frame', COALESCE(j -> 'frame_id', j -> 'id'),
                            'id', j -> k, 'version', j -> v)
$$;
CREATE FUNCTION lidarlabel.notify_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE k text := TG_ARGV[0]; v text := TG_ARGV[1]; cnt bigint; body jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT count(*) INTO cnt FROM old_rows;
  ELSE
    SELECT count(*) INTO cnt FROM new_rows;
  END IF;
  IF cnt = 0 THEN
    RETURN NULL;
  ELSIF cnt <= 50 AND TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(lidarlabel.change_of(to_jsonb(o), k, v)) INTO body FROM old_rows o;
  ELSIF cnt <= 50 THEN
    SELECT jsonb_agg(lidarlabel.change_of(to_jsonb(n), k, v)) INTO body FROM new_rows n;
  ELSIF TG_TABLE_NAME = 'point_labels' THEN
    body := '[]';  -- no sequence column: reload what is open
  ELSE
    EXECUTE format('SELECT jsonb_agg(DISTINCT sequence_id) FROM %I',
                   CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END) INTO body;
  END IF;
  PERFORM pg_notify('lidarlabel', jsonb_build_object(
      'table', TG_TABLE_NAME, 'op', TG_OP, 'count', cnt,
      CASE WHEN cnt <= 50 THEN 'rows' ELSE 'sequences' END, body)::text);
  RETURN NULL;
END $$;

-- Who may set review state: reviewers, QA, admins and superusers (by login role).
CREATE FUNCTION lidarlabel.may_review() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
      OR pg_has_role(session_user, 'lidarlabel_reviewer', 'MEMBER')
      OR pg_has_role(session_user, 'lidarlabel_qa', 'MEMBER')
      OR pg_has_role(session_user, 'lidarlabel_admin', 'MEMBER')
$$;

-- Annotators may not set review state (boxes: review + review_log; frames: review). The
-- triggers' WHEN clauses pick the rows that set it, so other rows cost no function call.
CREATE FUNCTION lidarlabel.guard_review() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT lidarlabel.may_review() THEN
    RAISE EXCEPTION 'permission denied: % may not set review state', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION lidarlabel.audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON lidarlabel.audit_log
  FOR EACH ROW EXECUTE FUNCTION lidarlabel.audit_is_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON lidarlabel.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.audit_is_append_only();

CREATE TRIGGER guard_review_insert BEFORE INSERT ON lidarlabel.boxes FOR EACH ROW
  WHEN (NEW.review <> 'unreviewed' OR NEW.review_log IS NOT NULL)
  EXECUTE FUNCTION lidarlabel.guard_review();
CREATE TRIGGER guard_review_update BEFORE UPDATE ON lidarlabel.boxes FOR EACH ROW
  WHEN (NEW.review IS DISTINCT FROM OLD.review OR NEW.review_log IS DISTINCT FROM OLD.review_log)
  EXECUTE FUNCTION lidarlabel.guard_review();
CREATE TRIGGER guard_review_insert BEFORE INSERT ON lidarlabel.frames FOR EACH ROW
  WHEN (NEW.review IS NOT NULL) EXECUTE FUNCTION lidarlabel.guard_review();
CREATE TRIGGER guard_review_update BEFORE UPDATE ON lidarlabel.frames FOR EACH ROW
  WHEN (NEW.review IS DISTINCT FROM OLD.review) EXECUTE FUNCTION lidarlabel.guard_review();

-- Audit and notification triggers: (table, key column, version column).
DO $$
DECLARE t text[];
BEGIN
  FOREACH t SLICE 1 IN ARRAY ARRAY[['boxes', 'id', 'version'], ['point_labels', 'frame_id', 'version'],
                                   ['frames', 'id', 'review_version'], ['tasks', 'id', 'version']] LOOP
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON lidarlabel.%I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.audit_statement(%L, %L)', t[1], t[2], t[3]);
    EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON lidarlabel.%I REFERENCING OLD TABLE AS old_rows '
                   'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.audit_statement(%L, %L)',
                   t[1], t[2], t[3]);
    EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON lidarlabel.%I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.audit_statement(%L, %L)', t[1], t[2], t[3]);
    IF t[1] <> 'tasks' THEN
      EXECUTE format('CREATE TRIGGER notify_insert AFTER INSERT ON lidarlabel.%I REFERENCING NEW TABLE AS new_rows '
                     'FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.notify_statement(%L, %L)', t[1], t[2], t[3]);
      EXECUTE format('CREATE TRIGGER notify_update AFTER UPDATE ON lidarlabel.%I REFERENCING OLD TABLE AS old_rows '
                     'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.notify_statement(%L, %L)',
                     t[1], t[2], t[3]);
      EXECUTE format('CREATE TRIGGER notify_delete AFTER DELETE ON lidarlabel.%I REFERENCING OLD TABLE AS old_rows '
                     'FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.notify_statement(%L, %L)', t[1], t[2], t[3]);
    END IF;
  END LOOP;
END $$;
