-- lidarlabel team server, migration 7: a track id names at most one box of a frame. Two desks
-- could renumber boxes of one frame onto the same id (each before it saw the other's box), and
-- a window cannot show two boxes under one id. The server now refuses the second commit (a
-- unique index; the desk shows the refusal as a conflict). Boxes that already share an id in a
-- frame keep it for the oldest box; each other one gets a fresh id from reserve_track_ids, an
-- UPDATE audited under whoever runs the migration.
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT id, sequence_id FROM (
      SELECT id, sequence_id,
             row_number() OVER (PARTITION BY frame_id, track_id ORDER BY id) AS k
        FROM lidarlabel.boxes WHERE track_id > 0) d
     WHERE k > 1 ORDER BY id
  LOOP
    UPDATE lidarlabel.boxes
       SET track_id = lidarlabel.reserve_track_ids(r.sequence_id, 1), version = version + 1
     WHERE id = r.id;
  END LOOP;
END $$;

CREATE UNIQUE INDEX boxes_one_per_track_and_frame
  ON lidarlabel.boxes (frame_id, track_id) WHERE track_id > 0;
