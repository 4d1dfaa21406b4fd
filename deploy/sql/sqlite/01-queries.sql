-- Marketplace schema, SQLite (the embedded, single-silo store), part 1: apply the scripts in this folder
-- in file-name order, e.g. `sqlite3 data/marketplace.db < 01-queries.sql`. Each one can run any number of
-- times; the silo runs all of them at every start.
--
-- Write-ahead logging: readers never block the writer and the writer never blocks readers, and commits
-- are cheaper. The mode is stored in the database file, so setting it once here is enough. Writers
-- still take turns; every connection the silo opens waits (busy timeout) instead of failing with
-- "database is locked".
PRAGMA journal_mode = WAL;

-- Earlier versions ran Orleans' ADO.NET grain storage here, which read its statements from OrleansQuery.
-- Our SQLite grain storage (src/Persistence/Storage/SqliteGrainStorage.cs) keeps its SQL in code.
DROP TABLE IF EXISTS OrleansQuery;
