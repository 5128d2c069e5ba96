// Peak memory and throughput of `rapport analyze -f json` on the same real threads in four export formats.
// Usage: node scripts/bench/stream-rss.mjs [--messages 500000] [--formats twcs,chat-csv,chat-ndjson,mbox] [--keep] [--timeout 3600]
//
// Writes the real threads of ../shared/data/twcs-head5000/twcs.csv, replicated as scripts/bench/generate.mjs
// does (copy k: ids + k·10⁷, customers + k·10⁷, times + k hours), as
//   - a Twitter export with 64-bit tweet ids (each id + 10¹⁸, past 2^53),
//   - a chat CSV `conversation_id,timestamp,author,role,text` (the conversation: the thread's root tweet),
//   - a chat NDJSON, one message object per line with the same fields,
//   - an mbox (Message-ID, In-Reply-To, Subject, Date; brand addresses @brand.example, read with --brand-domain),
// into bench/data/ (gitignored), runs each under `/usr/bin/time -v` (bounded by `timeout`) and prints one
// table: messages, seconds, msg/s, peak RSS. The files are deleted afterwards unless --keep.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = join(ROOT, '../shared/data/twcs-head5000/twcs.csv');
const DATA = join(ROOT, 'bench/data');
const ID_STEP = 10_000_000n;
const CUSTOMER_STEP = 10_000_000n;
const BIG = 10n ** 18n;
const HOUR = 3_600_000;
const TARGET_RSS_MB = 1024;

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const MESSAGES = Number(option('messages', '500000'));
const FORMATS = option('formats', 'twcs,chat-csv,chat-ndjson,mbox').split(',');
const TIMEOUT = Number(option('timeout', '3600'));
const KEEP = process.argv.includes('--keep');

if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** The source's usable rows, with each one's thread root (reply links followed within the file). */
function realThreads() {
  const rows = parse(readFileSync(SOURCE), { record_delimiter: ['\r\n', '\n'], relax_quotes: true, relax_column_count: true });
  const header = rows.shift();
  const col = (name) => header.indexOf(name);
  const [iId, iAuthor, iInbound, iTime, iText, iParent] = ['tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'in_response_to_tweet_id'].map(col);
  const usable = rows.filter((r) => r.length === header.length && /^\d+$/.test(r[iId].trim()));
  const parentOf = new Map(usable.map((r) => [r[iId].trim(), r[iParent].trim().replace(/\.0+$/, '')]));
  const rootOf = (id) => {
    let at = id;
    for (let hops = 0; parentOf.get(at) && parentOf.has(parentOf.get(at)) && hops < 1000; hops++) at = parentOf.get(at);
    return at;
  };
  return usable.map((r) => ({
    id: BigInt(r[iId].trim()),
    parent: r[iParent].trim() ? BigInt(r[iParent].trim().replace(/\.0+$/, '')) : null,
    root: BigInt(rootOf(r[iId].trim())),
    author: r[iAuthor],
    inbound: /^true$/i.test(r[iInbound].trim()),
    time: Date.parse(r[iTime].replace(/^\w+ (\w+) (\d+) ([\d:]+) \+0000 (\d+)$/, '$1 $2 $4 $3 UTC')),
    text: r[iText],
  }));
}

const csvField = (value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');
const twitterTime = (d) => `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
const mailDate = (d) => `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
const asctime = (d) => `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;

/** One message of copy k in each format. */
const WRITERS = {
  twcs: {
    ext: 'csv',
    header: 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n',
    row: (m) => `${m.id},${csvField(m.author)},${m.inbound ? 'True' : 'False'},${twitterTime(m.date)},${csvField(m.text)},,${m.parent ?? ''}\n`,
  },
  'chat-csv': {
    ext: 'csv',
    header: 'conversation_id,timestamp,author,role,text\n',
    row: (m) => `${m.conversation},${m.date.toISOString()},${csvField(m.author)},${m.inbound ? 'customer' : 'agent'},${csvField(m.text)}\n`,
  },
  'chat-ndjson': {
    ext: 'ndjson',
    header: '',
    row: (m) => `${JSON.stringify({ conversation_id: m.conversation, timestamp: m.date.toISOString(), author: m.author, role: m.inbound ? 'customer' : 'agent', text: m.text })}\n`,
  },
  mbox: {
    ext: 'mbox',
    header: '',
    row: (m) => {
      const from = m.inbound ? `${m.author}@customer.example` : `${m.author.toLowerCase()}@brand.example`;
      const body = m.text.replace(/\r?\n/g, '\n').replace(/^(>*From )/gm, '>$1');
      return [
        `From ${from} ${asctime(m.date)}`,
        `From: ${m.author} <${from}>`,
        `Date: ${mailDate(m.date)}`,
        `Subject: ${m.parent ? 'Re: ' : ''}Case ${m.conversation}`,
        `Message-ID: <${m.id}@bench.example>`,
        ...(m.parent ? [`In-Reply-To: <${m.parent}@bench.example>`] : []),
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
        '',
        '',
      ].join('\n');
    },
  },
};

async function write(format, messages) {
  mkdirSync(DATA, { recursive: true });
  const w = WRITERS[format];
  const file = join(DATA, `stream-${format}-${messages}.${w.ext}`);
  if (existsSync(file)) return file;
  process.stderr.write(`writing ${messages.toLocaleString('en-US')} messages as ${format} → ${file}\n`);
  const threads = realThreads();
  const stream = createWriteStream(file);
  const out = (text) => (stream.write(text) ? null : new Promise((resolve) => stream.once('drain', resolve)));
  await out(w.header);
  let written = 0;
  for (let k = 0n; written < messages; k++) {
    const lines = [];
    for (const r of threads) {
      if (written >= messages) break;
      const shift = (id) => BIG + id + k * ID_STEP;
      const author = /^\d+$/.test(r.author) ? String(BigInt(r.author) + k * CUSTOMER_STEP) : r.author;
      const text = r.text.replace(/@(\d+)\b/g, (_, id) => `@${BigInt(id) + k * CUSTOMER_STEP}`);
      lines.push(w.row({ id: shift(r.id), parent: r.parent === null ? null : shift(r.parent), conversation: `c${shift(r.root)}`, author, inbound: r.inbound, date: new Date(r.time + Number(k) * HOUR), text }));
      written++;
    }
    await out(lines.join(''));
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
  return file;
}

/** `rapport analyze -f json` under /usr/bin/time -v: seconds, peak RSS, messages (from the report). */
function measure(format, file) {
  process.stderr.write(`running rapport analyze on ${file}…\n`);
  const args = ['-v', 'timeout', String(TIMEOUT), process.execPath, join(ROOT, 'bin/rapport.js'), 'analyze', file, '-f', 'json', '-q', ...(format === 'mbox' ? ['--brand-domain', 'brand.example'] : [])];
  const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CI: 'true' } });
  const field = (name) => Number(new RegExp(`${name}: ([\\d.:]+)`).exec(run.stderr)?.[1]?.split(':').reduce((s, part) => s * 60 + Number(part), 0));
  if (run.status !== 0) return { format, file, error: `exit ${run.status}: ${run.stderr.trim().split('\n').find((l) => l.startsWith('rapport')) ?? run.stderr.trim().split('\n')[0]}` };
  const report = JSON.parse(run.stdout);
  const seconds = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)');
  return { format, file, bytes: statSync(file).size, messages: report.totals.messages, seconds, cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'), rssMB: field('Maximum resident set size \\(kbytes\\)') / 1024 };
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const startLoad = loadavg();
const results = [];
for (const format of FORMATS) {
  if (!WRITERS[format]) throw new Error(`unknown format ${format} (one of ${Object.keys(WRITERS).join(', ')})`);
  const file = await write(format, MESSAGES);
  const r = measure(format, file);
  results.push(r);
  process.stderr.write(`${JSON.stringify(r)}\n`);
  if (!KEEP) rmSync(file, { force: true });
}
const lines = [
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${fmt(totalmem() / 2 ** 30, 1)} GB, Node ${process.version}; load average at start ${startLoad.map((l) => fmt(l, 1)).join(', ')}, at end ${loadavg().map((l) => fmt(l, 1)).join(', ')}`,
  '',
  `| format | file MB | messages | seconds | msg/s | CPU s | peak RSS | ≤ ${fmt(TARGET_RSS_MB)} MB |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map((r) =>
    r.error
      ? `| ${r.format} | — | — | — | — | — | — | failed: ${r.error} |`
      : `| ${r.format} | ${fmt(r.bytes / 2 ** 20)} | ${fmt(r.messages)} | ${fmt(r.seconds, 1)} | ${fmt(r.messages / r.seconds)} | ${fmt(r.cpu, 1)} | ${fmt(r.rssMB)} MB | ${r.rssMB <= TARGET_RSS_MB ? 'met' : 'NOT met'} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
