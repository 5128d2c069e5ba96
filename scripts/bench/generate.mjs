// Deterministic scale generator: replicate the real twcs threads with id offsets and shifted times.
// Usage: node scripts/bench/generate.mjs <source twcs.csv> <out.csv> <messages>
// Copy k of the source gets tweet ids + k·ID_STEP, customer ids (and their @mentions) + k·CUSTOMER_STEP
// and times + k hours, so every reply tree stays intact and no two copies share an id or a customer.
import { createWriteStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const ID_STEP = 10_000_000n;
const CUSTOMER_STEP = 10_000_000n;
const HOUR = 3_600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n) => String(n).padStart(2, '0');
function twitterTime(ms) {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `3.0` → `3.0` shifted, keeping the float form pandas wrote. */
function shiftId(value, offset) {
  const m = /^(\d+)(\.0+)?$/.exec(value.trim());
  return m ? `${BigInt(m[1]) + offset}${m[2] ?? ''}` : value;
}

export async function generate(source, out, messages) {
  const rows = parse(readFileSync(source), { record_delimiter: ['\r\n', '\n'], relax_quotes: true, relax_column_count: true });
  const header = rows.shift();
  const col = (name) => header.indexOf(name);
  const [iId, iAuthor, iInbound, iTime, iText, iResp, iParent] = ['tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id'].map(col);
  const usable = rows.filter((r) => r.length === header.length);
  const stream = createWriteStream(out);
  const write = (line) => (stream.write(line) ? null : new Promise((resolve) => stream.once('drain', resolve)));
  await write(`${header.map(csvField).join(',')}\n`);
  let written = 0;
  for (let k = 0n; written < messages; k++) {
    const idOffset = k * ID_STEP;
    const customerOffset = k * CUSTOMER_STEP;
    const shift = Number(k) * HOUR;
    const lines = [];
    for (const row of usable) {
      if (written >= messages) break;
      const r = [...row];
      if (header[0] === '') r[0] = String(written);
      r[iId] = shiftId(r[iId], idOffset);
      r[iParent] = shiftId(r[iParent], idOffset);
      r[iResp] = r[iResp].split(',').map((id) => (id.trim() ? shiftId(id, idOffset) : id)).join(',');
      if (/^\d+$/.test(r[iAuthor])) r[iAuthor] = String(BigInt(r[iAuthor]) + customerOffset);
      r[iText] = r[iText].replace(/@(\d+)\b/g, (_, id) => `@${BigInt(id) + customerOffset}`);
      const t = Date.parse(r[iTime].replace(/^\w+ (\w+) (\d+) ([\d:]+) \+0000 (\d+)$/, '$1 $2 $4 $3 UTC'));
      if (Number.isFinite(t)) r[iTime] = twitterTime(t + shift);
      lines.push(`${r.map(csvField).join(',')}\n`);
      written++;
    }
    await write(lines.join(''));
    void iInbound;
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [source, out, count] = process.argv.slice(2);
  if (!source || !out || !count) {
    process.stderr.write('usage: node scripts/bench/generate.mjs <twcs.csv> <out.csv> <messages>\n');
    process.exit(2);
  }
  const n = await generate(source, out, Number(count));
  process.stderr.write(`wrote ${n} messages to ${out}\n`);
}
