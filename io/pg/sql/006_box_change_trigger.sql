-- lidarlabel team server, migration 6: one trigger function per statement on boxes instead of
-- two (audit + notify, migration 2), with static queries on the typed columns instead of
-- to_jsonb key lookups, jsonb joins and dynamic SQL. A box commit is the desk's hot path; the audit rows and
-- the notifications stay exactly as before (same rows, same payloads, same bulk rules: more
-- than 1,000 inserted rows are one BULK INSERT audit row, more than 50 changed rows one
-- notification naming the sequences).
CREATE FUNCTION lidarlabel.boxes_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE cnt bigint; body jsonb;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO lidarlabel.audit_log (actor, table_name, op, row_id, version, old_row, new_row)
    SELECT session_user, 'boxes', 'UPDATE', n.id, n.version, to_jsonb(o), to_jsonb(n)
      FROM new_rows n JOIN old_rows o USING (id);
    GET DIAGNOSTICS cnt = ROW_COUNT;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO lidarlabel.audit_log (actor, table_name, op, row_id, version, old_row)
    SELECT session_user, 'boxes', 'DELETE', o.id, o.version, to_jsonb(o) FROM old_rows o;
    GET DIAGNOSTICS cnt = ROW_COUNT;
  ELSE
    SELECT count(*) INTO cnt FROM new_rows;
    IF cnt > 1000 THEN
      INSERT INTO lidarlabel.audit_log (actor, table_name, op, new_row)
      SELECT session_user, 'boxes', 'BULK INSERT', jsonb_build_object('count', count(*),
             'first_id', min(id), 'last_id', max(id)) FROM new_rows;
    ELSE
      INSERT INTO lidarlabel.audit_log (actor, table_name, op, row_id, version, new_row)
      SELECT session_user, 'boxes', 'INSERT', n.id, n.version, to_jsonb(n) FROM new_rows n;
    END IF;
  END IF;
  IF cnt = 0 THEN
    RETURN NULL;
  ELSIF cnt <= 50 AND TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('sequence', sequence_id, 'frame', frame_id, 'id', id,
                                        'version', version)) INTO body FROM old_rows;
  ELSIF cnt <= 50 THEN
    SELECT jsonb_agg(jsonb_build_object('sequence', sequence_id, 'frame', frame_id, 'id', id,
                                        'version', version)) INTO body FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(DISTINCT sequence_id) INTO body FROM old_rows;
  ELSE
    SELECT jsonb_agg(DISTINCT sequence_id) INTO body FROM new_rows;
  END IF;
  PERFORM pg_notify('lidarlabel', jsonb_build_object('table', 'boxes', 'op', TG_OP, 'count', cnt,
      CASE WHEN cnt <= 50 THEN 'rows' ELSE 'sequences' END, body)::text);
  RETURN NULL;
END $$;

DROP TRIGGER audit_insert ON lidarlabel.boxes;
DROP TRIGGER audit_update ON lidarlabel.boxes;
DROP TRIGGER audit_delete ON lidarlabel.boxes;
DROP TRIGGER notify_insert ON lidarlabel.boxes;
DROP TRIGGER notify_update ON lidarlabel.boxes;
DROP TRIGGER notify_delete ON lidarlabel.boxes;
CREATE TRIGGER changed_insert AFTER INSERT ON lidarlabel.boxes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.boxes_changed();
CREATE TRIGGER changed_update AFTER UPDATE ON lidarlabel.boxes REFERENCING OLD TABLE AS old_rows
  NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.boxes_changed();
CREATE TRIGGER changed_delete AFTER DELETE ON lidarlabel.boxes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lidarlabel.boxes_changed();
