-- lidarlabel team server, migration 4: track ids handed out by the server. A track id is a box's
-- identity across frames and the point-label instance id, so it is kept below 65,536 per
-- sequence (lidarlabel.tracks). Desks creating tracks at once ask the server for ids instead of
-- taking "highest + 1" of what they have loaded, so two people never create the same track.

-- Reserves n consecutive unused track ids of sequence seq (rows in lidarlabel.tracks, so nobody
-- else is given them) and returns the first. Above the highest id used when that fits below
-- 65,536, else the first gap of n free ids; none left is an error. Concurrent callers on one
-- sequence are serialised by a transaction-scoped advisory lock.
CREATE FUNCTION lidarlabel.reserve_track_ids(seq int, n int) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE first int;
BEGIN
  IF n IS NULL OR n < 1 OR n > 65535 THEN
    RAISE EXCEPTION 'cannot reserve % track ids (1 to 65,535)', n USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM lidarlabel.sequences WHERE id = seq) THEN
    RAISE EXCEPTION 'no sequence with id %', seq USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(1717, seq);
  SELECT COALESCE(max(track_id), 0) + 1 INTO first FROM lidarlabel.tracks WHERE sequence_id = seq;
  IF first + n > 65536 THEN
    SELECT g INTO first FROM generate_series(1, 65536 - n) g
     WHERE NOT EXISTS (SELECT 1 FROM lidarlabel.tracks t WHERE t.sequence_id = seq
                          AND t.track_id >= g AND t.track_id < g + n)
     ORDER BY g LIMIT 1;
    IF first IS NULL THEN
      RAISE EXCEPTION 'sequence % has no % free track ids below 65,536', seq, n
        USING ERRCODE = 'program_limit_exceeded';
    END IF;
  END IF;
  INSERT INTO lidarlabel.tracks (sequence_id, track_id)
    SELECT seq, g FROM generate_series(first, first + n - 1) g;
  RETURN first;
END $$;

REVOKE ALL ON FUNCTION lidarlabel.reserve_track_ids(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lidarlabel.reserve_track_ids(int, int)
  TO lidarlabel_annotator, lidarlabel_reviewer, lidarlabel_qa, lidarlabel_admin;
