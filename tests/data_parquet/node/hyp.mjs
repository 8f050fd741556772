// hyp.mjs: reads a parquet file with hyparquet (a second, JavaScript implementation) and prints
// every row as a JSON line: byte arrays as hex, 64-bit integers as strings, strings as given.
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

function plain(v) {
  if (v instanceof Uint8Array) return { hex: Buffer.from(v).toString('hex') };
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const file = await asyncBufferFromFile(process.argv[2]);
const rows = await parquetReadObjects({ file, compressors, utf8: false });
for (const row of rows)
  process.stdout.write(JSON.stringify(plain(row)) + '\n');
