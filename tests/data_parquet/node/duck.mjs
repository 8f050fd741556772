// duck.mjs: runs SQL statements (one per argument) in an in-memory DuckDB and prints the rows
// of the last one as JSON lines. Used by tests/data_parquet and bench/data as the independent
// parquet implementation. Each statement's wall time goes to stderr as "time I SECONDS".
import { DuckDBInstance } from '@duckdb/node-api';

const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
let reader = null;
const statements = process.argv.slice(2);
for (let i = 0; i < statements.length; i++) {
  const t0 = process.hrtime.bigint();
  reader = await con.runAndReadAll(statements[i]);
  process.stderr.write(`time ${i} ${Number(process.hrtime.bigint() - t0) / 1e9}\n`);
}
if (reader) {
  const out = [];
  for (const row of reader.getRowObjectsJson())
    out.push(JSON.stringify(row));
  if (out.length) process.stdout.write(out.join('\n') + '\n');
}
