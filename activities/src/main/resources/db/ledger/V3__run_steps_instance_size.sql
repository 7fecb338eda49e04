-- What a measured DB restore restored (issue 15: "restore provisioning time per instance class and
-- allocated storage"): the class and GiB of the instance a restore wait saw available, from the end
-- of its step's detail (dev.drrunbooks.activities.rds.InstanceSize). Null for other steps and for
-- runs recorded before workers described them.
ALTER TABLE run_steps ADD COLUMN instance_class text;
ALTER TABLE run_steps ADD COLUMN allocated_storage_gib integer;
-- "restores of db.r6g.large": the forecast's second choice after the service's own
CREATE INDEX run_steps_instance_class ON run_steps (instance_class) WHERE instance_class IS NOT NULL;
