CREATE TABLE "case_tallies" (
	"place_id" uuid NOT NULL,
	"department_id" uuid,
	"day" date NOT NULL,
	"cases" integer NOT NULL,
	"dispatched" integer NOT NULL,
	"accepted" integer NOT NULL,
	"accepted_on_time" integer NOT NULL,
	"on_scene" integer NOT NULL,
	"on_scene_on_time" integer NOT NULL,
	"resolved" integer NOT NULL,
	"resolved_on_time" integer NOT NULL,
	"rated" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"basically_satisfied" integer NOT NULL,
	"dissatisfied" integer NOT NULL,
	"returned" integer NOT NULL,
	"reopened" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_tallies_day" ON "case_tallies" USING btree ("day","place_id");--> statement-breakpoint
-- What one case adds to the evaluation's counts, with `sign` -1 to take it away again. The trigger
-- below and the dashboard (for the partial days at the edges of its window) both use it, so the two
-- cannot disagree. Merged cases count in the case they joined. Days are local to the hotlines'
-- calendar (Asia/Shanghai), as the dashboard's weeks and months. A resolved case counts as
-- dispatched even when imported without a dispatch time, so that no rate can exceed one.
CREATE FUNCTION case_tally(c cases, sign integer) RETURNS SETOF case_tallies
LANGUAGE sql STABLE AS $$
  SELECT c.place_id, c.department_id, (c.received_at AT TIME ZONE 'Asia/Shanghai')::date,
    sign,
    sign * (c.dispatched_at IS NOT NULL OR c.resolved_at IS NOT NULL)::int,
    sign * (c.accepted_at IS NOT NULL)::int,
    sign * coalesce(c.accepted_at <= c.accept_by, false)::int,
    sign * (c.on_scene_at IS NOT NULL AND c.on_scene_by IS NOT NULL)::int,
    sign * coalesce(c.on_scene_at <= c.on_scene_by, false)::int,
    sign * (c.resolved_at IS NOT NULL)::int,
    sign * coalesce(c.resolved_at <= c.resolve_by, false)::int,
    sign * (c.rating IS NOT NULL)::int,
    sign * coalesce(c.rating = 'satisfied', false)::int,
    sign * coalesce(c.rating = 'basically_satisfied', false)::int,
    sign * coalesce(c.rating = 'dissatisfied', false)::int,
    sign * (c.return_count > 0)::int,
    sign * (c.reopen_count > 0)::int
  WHERE c.status <> 'merged'
$$;
--> statement-breakpoint
-- One row with the difference (two when the case moved to another place, department or day).
CREATE FUNCTION case_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_tallies
  SELECT d.place_id, d.department_id, d.day, sum(d.cases), sum(d.dispatched), sum(d.accepted),
    sum(d.accepted_on_time), sum(d.on_scene), sum(d.on_scene_on_time), sum(d.resolved),
    sum(d.resolved_on_time), sum(d.rated), sum(d.satisfied), sum(d.basically_satisfied),
    sum(d.dissatisfied), sum(d.returned), sum(d.reopened)
  FROM (
    SELECT * FROM case_tally(OLD, -1) WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT * FROM case_tally(NEW, 1) WHERE TG_OP <> 'DELETE'
  ) d
  GROUP BY d.place_id, d.department_id, d.day
  HAVING sum(d.cases) <> 0 OR sum(d.dispatched) <> 0 OR sum(d.accepted) <> 0 OR sum(d.accepted_on_time) <> 0
    OR sum(d.on_scene) <> 0 OR sum(d.on_scene_on_time) <> 0 OR sum(d.resolved) <> 0 OR sum(d.resolved_on_time) <> 0
    OR sum(d.rated) <> 0 OR sum(d.satisfied) <> 0 OR sum(d.basically_satisfied) <> 0 OR sum(d.dissatisfied) <> 0
    OR sum(d.returned) <> 0 OR sum(d.reopened) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_tally_insert_delete AFTER INSERT OR DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION case_tallies_follow();
--> statement-breakpoint
-- Only when a counted column changes: the deadline sweep's updates cost nothing here.
CREATE TRIGGER cases_tally_update AFTER UPDATE ON cases FOR EACH ROW
  WHEN ((OLD.place_id, OLD.department_id, OLD.received_at, OLD.status = 'merged', OLD.dispatched_at, OLD.accepted_at,
         OLD.accept_by, OLD.on_scene_at, OLD.on_scene_by, OLD.resolved_at, OLD.resolve_by, OLD.rating,
         OLD.return_count > 0, OLD.reopen_count > 0)
    IS DISTINCT FROM (NEW.place_id, NEW.department_id, NEW.received_at, NEW.status = 'merged', NEW.dispatched_at, NEW.accepted_at,
         NEW.accept_by, NEW.on_scene_at, NEW.on_scene_by, NEW.resolved_at, NEW.resolve_by, NEW.rating,
         NEW.return_count > 0, NEW.reopen_count > 0))
  EXECUTE FUNCTION case_tallies_follow();
--> statement-breakpoint
-- The cases already there.
INSERT INTO case_tallies
SELECT t.place_id, t.department_id, t.day, sum(t.cases), sum(t.dispatched), sum(t.accepted),
  sum(t.accepted_on_time), sum(t.on_scene), sum(t.on_scene_on_time), sum(t.resolved),
  sum(t.resolved_on_time), sum(t.rated), sum(t.satisfied), sum(t.basically_satisfied),
  sum(t.dissatisfied), sum(t.returned), sum(t.reopened)
FROM cases c CROSS JOIN LATERAL case_tally(c, 1) t
GROUP BY t.place_id, t.department_id, t.day;
