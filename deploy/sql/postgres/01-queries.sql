-- Marketplace schema, PostgreSQL, part 1 of the scripts in this folder (apply them in file-name order).
--
-- Orleans' ADO.NET providers (clustering, grain state, reminders, streams) do not carry SQL of their own:
-- when a provider starts it reads the statements it needs from this table, looked up by a fixed key.
-- The later scripts fill it with our statements for our tables. The streams scripts create the same
-- table with the same definition, so whichever runs first wins and the other is a no-op.
--
-- Every script here can run any number of times: the silos run all of them at every start.
CREATE TABLE IF NOT EXISTS OrleansQuery (QueryKey varchar(64) PRIMARY KEY, QueryText text NOT NULL);
