-- lidarlabel team server, migration 3: who may see and change what. Login roles (one per
-- person, `lidarlabel-cli server add-user`) are members of one of the groups created in
-- migration 2. Annotators see and write only the frames of the tasks they hold, cannot read the
-- audit log or real names and cannot set review state (guard_review); stage changes go through
-- the task functions below, which check role and stage.
CREATE FUNCTION lidarlabel.my_user_id() RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT id FROM lidarlabel.users WHERE login = session_user
$$;

-- True when the frame (by row id) lies in an annotate task held by the caller with a live lease.
CREATE FUNCTION lidarlabel.in_my_task(frame bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM lidarlabel.frames f
    JOIN lidarlabel.tasks t ON t.sequence_id = f.sequence_id
                           AND f.idx BETWEEN t.first_frame AND t.last_frame
    WHERE f.id = frame AND t.stage = 'annotate' AND t.assignee = lidarlabel.my_user_id()
      AND t.lease_until > now())
$$;
CREATE FUNCTION lidarlabel.in_my_task(sequence int, frame_idx int) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM lidarlabel.tasks t
    WHERE t.sequence_id = sequence AND frame_idx BETWEEN t.first_frame AND t.last_frame
      AND t.stage = 'annotate' AND t.assignee = lidarlabel.my_user_id() AND t.lease_until > now())
$$;

GRANT USAGE ON SCHEMA lidarlabel
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT SELECT ON lidarlabel.schema_version, lidarlabel.users, lidarlabel.datasets,
  lidarlabel.sequences, lidarlabel.frames, lidarlabel.tracks, lidarlabel.boxes,
  lidarlabel.point_labels, lidarlabel.tasks, lidarlabel.issues, lidarlabel.comments
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT INSERT, UPDATE, DELETE ON lidarlabel.boxes, lidarlabel.point_labels
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT INSERT ON lidarlabel.tracks, lidarlabel.issues, lidarlabel.comments
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT UPDATE (review, review_version, annotation_seconds, point_labels_path) ON lidarlabel.frames
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT UPDATE (state) ON lidarlabel.issues TO lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA lidarlabel
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT SELECT ON lidarlabel.audit_log TO lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
GRANT ALL ON lidarlabel.datasets, lidarlabel.sequences, lidarlabel.frames, lidarlabel.tasks,
  lidarlabel.users, lidarlabel.user_names TO lidarlabel_admin;

-- Row-level security: staff see everything, annotators the boxes and labels of their tasks'
-- frames. Frame rows (sweep, pose) are readable by everyone, so frame numbers stay stable;
-- annotators may update only their tasks' frames.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['boxes', 'point_labels'] LOOP
    EXECUTE format('ALTER TABLE lidarlabel.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY staff ON lidarlabel.%I TO lidarlabel_reviewer, lidarlabel_qa, '
                   'lidarlabel_admin USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY annotator ON lidarlabel.%I TO lidarlabel_annotator '
                   'USING (lidarlabel.in_my_task(frame_id)) '
                   'WITH CHECK (lidarlabel.in_my_task(frame_id))', t);
  END LOOP;
END $$;
ALTER TABLE lidarlabel.frames ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON lidarlabel.frames FOR SELECT
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin USING (true);
CREATE POLICY staff ON lidarlabel.frames TO lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin
  USING (true) WITH CHECK (true);
CREATE POLICY annotator_updates ON lidarlabel.frames FOR UPDATE TO lidarlabel_annotator
  USING (lidarlabel.in_my_task(id)) WITH CHECK (lidarlabel.in_my_task(id));
ALTER TABLE lidarlabel.tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON lidarlabel.tasks TO lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin
  USING (true) WITH CHECK (true);
CREATE POLICY annotator ON lidarlabel.tasks TO lidarlabel_annotator
  USING (assignee = lidarlabel.my_user_id());
ALTER TABLE lidarlabel.issues ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON lidarlabel.issues TO lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin
  USING (true) WITH CHECK (true);
CREATE POLICY annotator ON lidarlabel.issues TO lidarlabel_annotator
  USING (lidarlabel.in_my_task(sequence_id, frame_idx))
  WITH CHECK (lidarlabel.in_my_task(sequence_id, frame_idx));
ALTER TABLE lidarlabel.comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON lidarlabel.comments TO lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin
  USING (true) WITH CHECK (true);
CREATE POLICY annotator ON lidarlabel.comments TO lidarlabel_annotator
  USING (EXISTS (SELECT 1 FROM lidarlabel.issues i WHERE i.id = issue_id))
  WITH CHECK (EXISTS (SELECT 1 FROM lidarlabel.issues i WHERE i.id = issue_id));

-- The group that works on a stage; admins may act on every stage.
CREATE FUNCTION lidarlabel.require_stage_role(stage text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE g text := CASE stage WHEN 'annotate' THEN 'lidarlabel_annotator'
                             WHEN 'review' THEN 'lidarlabel_reviewer'
                             WHEN 'qa' THEN 'lidarlabel_qa' END;
BEGIN
  IF g IS NULL THEN
    RAISE EXCEPTION 'no work is done on stage ''%''', stage USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF lidarlabel.my_user_id() IS NULL THEN
    RAISE EXCEPTION 'login role % is not a lidarlabel user (lidarlabel-cli server add-user)',
      session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT pg_has_role(session_user, g, 'MEMBER')
     AND NOT pg_has_role(session_user, 'lidarlabel_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'permission denied: % is not in % and cannot work on stage %',
      session_user, g, stage USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

-- Claims the next task of a stage for lease_seconds: the caller's own claim first, else an
-- unassigned task or one whose lease expired. SKIP LOCKED: concurrent claimers never wait for
-- or get the same task. Returns NULL (all fields) when nothing is left.
CREATE FUNCTION lidarlabel.claim_task(want_stage text, lease_seconds int) RETURNS lidarlabel.tasks
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE me int; t lidarlabel.tasks;
BEGIN
  PERFORM lidarlabel.require_stage_role(want_stage);
  me := lidarlabel.my_user_id();
  SELECT * INTO t FROM lidarlabel.tasks
   WHERE stage = want_stage AND assignee = me AND lease_until > now()
   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN  -- (stage, id) index: the first free or expired task, locked ones skipped
    SELECT * INTO t FROM lidarlabel.tasks
     WHERE stage = want_stage AND (assignee IS NULL OR lease_until < now())
     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
  END IF;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  UPDATE lidarlabel.tasks SET assignee = me, version = version + 1,
         lease_until = now() + make_interval(secs => lease_seconds)
   WHERE id = t.id RETURNING * INTO t;
  RETURN t;
END $$;

-- Extends the caller's lease; false when the task is no longer the caller's.
CREATE FUNCTION lidarlabel.heartbeat_task(task int, lease_seconds int) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE lidarlabel.tasks SET lease_until = now() + make_interval(secs => lease_seconds)
   WHERE id = task AND assignee = lidarlabel.my_user_id() AND stage <> 'done';
  RETURN FOUND;
END $$;

-- submit (annotate -> review), accept (review -> qa -> done), reject (review/qa -> annotate).
-- Only the holder of the task, in the stage's group, may move it; the claim is released.
CREATE FUNCTION lidarlabel.move_task(task int, action text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE t lidarlabel.tasks; new_stage text;
BEGIN
  SELECT * INTO t FROM lidarlabel.tasks WHERE id = task FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no task %', task USING ERRCODE = 'no_data_found';
  END IF;
  PERFORM lidarlabel.require_stage_role(t.stage);
  IF t.assignee IS DISTINCT FROM lidarlabel.my_user_id() THEN
    RAISE EXCEPTION 'task % is not claimed by %', task, session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  new_stage := CASE WHEN action = 'submit' AND t.stage = 'annotate' THEN 'review'
               WHEN action = 'accept' AND t.stage = 'review' THEN 'qa'
               WHEN action = 'accept' AND t.stage = 'qa' THEN 'done'
               WHEN action = 'reject' AND t.stage IN ('review', 'qa') THEN 'annotate' END;
  IF new_stage IS NULL THEN
    RAISE EXCEPTION 'cannot % task % in stage %', action, task, t.stage
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE lidarlabel.tasks SET stage = new_stage, assignee = NULL, lease_until = NULL,
         version = version + 1 WHERE id = task;
  RETURN new_stage;
END $$;

REVOKE ALL ON FUNCTION lidarlabel.claim_task(text, int), lidarlabel.heartbeat_task(int, int),
  lidarlabel.move_task(int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lidarlabel.claim_task(text, int), lidarlabel.heartbeat_task(int, int),
  lidarlabel.move_task(int, text)
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
