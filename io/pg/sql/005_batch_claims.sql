-- lidarlabel team server, migration 5: claims of batch workers (lidarlabel-cli ... --claim).
-- Several workers may run as one login role, so a worker's claim is marked with a token of its
-- own (unique per run): a worker never gets a task another worker holds with a live lease, and a
-- worker whose lease expired and was taken over can no longer heartbeat, commit or move it.
ALTER TABLE lidarlabel.tasks ADD COLUMN claim_token text;

-- The window's claim (migration 3) takes the caller's own live claim first: not when a batch
-- worker holds it under a token. Its claims clear the token, so that a worker whose expired
-- claim the window took can no longer heartbeat or finish it.
CREATE OR REPLACE FUNCTION lidarlabel.claim_task(want_stage text, lease_seconds int)
RETURNS lidarlabel.tasks
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE me int; t lidarlabel.tasks;
BEGIN
  PERFORM lidarlabel.require_stage_role(want_stage);
  me := lidarlabel.my_user_id();
  SELECT * INTO t FROM lidarlabel.tasks
   WHERE stage = want_stage AND assignee = me AND lease_until > now() AND claim_token IS NULL
   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    SELECT * INTO t FROM lidarlabel.tasks
     WHERE stage = want_stage AND (assignee IS NULL OR lease_until < now())
     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
  END IF;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  UPDATE lidarlabel.tasks SET assignee = me, version = version + 1, claim_token = NULL,
         lease_until = now() + make_interval(secs => lease_seconds)
   WHERE id = t.id RETURNING * INTO t;
  RETURN t;
END $$;

-- The first free or expired task of a stage (of one sequence unless want_sequence is NULL),
-- claimed for lease_seconds under `token`. Never the caller's own live claims: those belong to
-- another worker or to the window. NULL (all fields) when nothing is left.
CREATE FUNCTION lidarlabel.claim_task_for(want_stage text, lease_seconds int, want_sequence int,
                                          token text) RETURNS lidarlabel.tasks
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE t lidarlabel.tasks;
BEGIN
  PERFORM lidarlabel.require_stage_role(want_stage);
  IF token IS NULL OR token = '' THEN
    RAISE EXCEPTION 'a batch claim needs a token' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO t FROM lidarlabel.tasks
   WHERE stage = want_stage AND (want_sequence IS NULL OR sequence_id = want_sequence)
     AND (assignee IS NULL OR lease_until < now())
   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  UPDATE lidarlabel.tasks SET assignee = lidarlabel.my_user_id(), version = version + 1,
         lease_until = now() + make_interval(secs => lease_seconds), claim_token = token
   WHERE id = t.id RETURNING * INTO t;
  RETURN t;
END $$;

-- Extends the lease of the claim made under `token`; false when it is no longer that claim.
CREATE FUNCTION lidarlabel.heartbeat_task_for(task int, lease_seconds int, token text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE lidarlabel.tasks SET lease_until = now() + make_interval(secs => lease_seconds)
   WHERE id = task AND assignee = lidarlabel.my_user_id() AND claim_token = token
     AND stage <> 'done';
  RETURN FOUND;
END $$;

-- Locks the task for the rest of the transaction when it is still the claim made under `token`
-- (its lease renewed for at least a minute, so that row-level security lets the worker write its
-- frames until it commits); raises 'lost claim' (55000) otherwise. A worker finishes a task in
-- one transaction: hold_task_for, its writes, move_task.
CREATE FUNCTION lidarlabel.hold_task_for(task int, token text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE lidarlabel.tasks SET lease_until = GREATEST(lease_until, now() + interval '60 seconds')
   WHERE id = task AND assignee = lidarlabel.my_user_id() AND claim_token = token
     AND stage <> 'done';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'lost claim: task % is no longer held by this worker (its lease expired and '
      'someone else took it, or it was moved)', task USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
END $$;

REVOKE ALL ON FUNCTION lidarlabel.claim_task_for(text, int, int, text),
  lidarlabel.heartbeat_task_for(int, int, text), lidarlabel.hold_task_for(int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lidarlabel.claim_task_for(text, int, int, text),
  lidarlabel.heartbeat_task_for(int, int, text), lidarlabel.hold_task_for(int, text)
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
