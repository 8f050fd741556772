// duck.mjs: runs SQL statements (one per argument) in an in-memory DuckDB and prints the rows
// of the last one as JSON lines. Used by tests/data_parquet and bench/data as the independent
// parquet implementation.
import { DuckDBInstance } from '@duckdb/node-api';

const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
let reader = null;
for (const sql of process.argv.slice(2))
  reader = await con.runAndReadAll(sql);
if (reader) {
  const out = [];
  for (const row of reader.getRowObjectsJson())
    out.push(JSON.stringify(row));
  if (out.length) process.stdout.write(out.join('\n') + '\n');
}
