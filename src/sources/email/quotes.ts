// The part of an email body its author wrote: quoted replies, attributions, signatures and list stubs removed.

/** Lines after which nothing is the author's own text (signature, Outlook's original message, attachment stubs). */
const CUT = [
  /^-- ?$/, // RFC 3676 signature delimiter
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Ursprüngliche Nachricht\s*-{2,}\s*$/i,
  /^-{5,} next part -{5,}$/, // pipermail's stub for attachments and HTML parts
  /^(Sent from my |Get Outlook for |Von meinem iPhone gesendet)/i,
  // Mailman footers. The rule is taken whole ((?=(…))\1, a possessive run) and the address's local part
  // has no @: an \S+ that could also eat underscores or @s backtracked quadratically on a long line.
  /^(?=(_{2,}))\1\s*(R-\S+ mailing list|\S+ mailing list)\s*$/i,
  /^[^\s@]+( at |@)\S+ mailing list -- To UNSUBSCRIBE and more, see\s*$/i, // (pipermail's own line)
];
/** Mailman's footer rule: a line of underscores, then the list's line. */
const FOOTER_RULE = /^_{10,}\s*$/;
const FOOTER_LIST = /\bmailing list\b/i;

/** The start of a forwarded message, whose header lines are kept (they are not a reply header). */
const FORWARDED = /^(-+\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré)\s*-+|Begin forwarded message:)\s*$/i;

/** Outlook's reply header: a rule, then `From:` … (`De:`, `Von:`). */
const OUTLOOK_RULE = /^_{10,}\s*$/;
const OUTLOOK_FROM = /^\*?(From|De|Von|Van):\*?\s/;

/**
 * "On Tue, 5 Jan 2025, Jane Doe wrote:" (possibly wrapped over two lines), "Am … schrieb …:", "Le … a écrit :",
 * "Às … escreveu:", "… пишет:" — and the same line after an archive lost its non-ASCII letters ("… ?????:").
 */
const ATTRIBUTION_END = /(wrote|writes|schrieb|a écrit|escribió|escreveu|scrisse|ha scritto|schreef|skrev|kirjoitti|napisał|пишет|написал|\?{3,})\s*:\s*$/i;
const ATTRIBUTION_START = /^(?:(On|Am|Le|El|Den|Op|Il|Às|Em|Quoting|Citando)\b|\?\s)/i;
/** Quote prefixes besides `>`: `| ` and `: ` (older clients), counted only in a run of two or more lines. */
const OTHER_QUOTE = /^\s*[|:](\s|$)/;

/** Words of an attribution line that are not the quoted person's name. */
const NOT_NAME = /^(on|am|le|el|den|op|il|às|as|em|at|um|à|a|de|quoting|citando|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|[ap]m|utc|gmt|cet|cest|est|edt|pst|pdt)\.?$/i;

/**
 * Who an attribution line quotes: the name (and address, when given) before "wrote:" in the body's first
 * attribution line. Null when the body quotes nobody by name.
 */
export function quotedAuthor(body: string): { name: string | null; address: string | null } | null {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!ATTRIBUTION_END.test(line)) continue;
    const next = lines[i + 1] ?? '';
    const previous = i > 0 ? lines[i - 1]! : '';
    if (!(ATTRIBUTION_START.test(line) || /^\s*>/.test(next) || next.trim() === '')) continue;
    const bare = line.replace(/^[>\s]+/, '');
    const before = previous.replace(/^[>\s]+/, '');
    // "On …, Jane Doe <jane at" / "example.org> wrote:"; R-core's ">>>>> Jane Doe" / ">>>>>   on … writes:".
    const wrapped = before !== '' && ((ATTRIBUTION_START.test(before) && !ATTRIBUTION_START.test(bare)) || /^on\b/i.test(bare) || /^(wrote|writes)\s*:/i.test(bare));
    const joined = /^on\b/i.test(bare) && wrapped ? `${before} wrote:` : `${wrapped ? `${before} ` : ''}${bare}`;
    // Addresses as archives write them ("jane at example.org") made plain, then read token by token (no backtracking).
    const plain = joined.replace(/(\w) at (\w)/g, '$1@$2');
    const address = plain.split(/[\s<>()[\]"',;]+/).find((t) => /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(t))?.toLowerCase() ?? null;
    const words = plain
      .replace(ATTRIBUTION_END, '')
      .replace(/<[^<>]*>?|\([^()]*\)|\[[^\]]*\]|"|'/g, ' ')
      .split(/\s+/)
      .filter((w) => w !== '' && !w.includes('@'));
    // "Steven Yen via R-help wrote:": the list a mail came through is not the name.
    const via = words.findIndex((w, k) => k > 0 && w.toLowerCase() === 'via');
    if (via > 0) words.length = via;
    // The name is the run of words after the last date or time part ("…, 10:00 AM Jane Doe wrote:").
    let start = 0;
    words.forEach((w, k) => {
      if (/\d/.test(w)) start = k + 1;
    });
    const name = words.slice(start).filter((w) => !NOT_NAME.test(w.replace(/[,;]+$/, '')) && /\p{L}/u.test(w)).join(' ').replace(/,/g, '').trim();
    return { name: name.length >= 2 && name.length <= 60 ? name : null, address };
  }
  return null;
}

/**
 * The author's own text of a body: drops quoted lines (`>`, and runs of `| ` or `: `) and the attribution line before them,
 * and everything from a signature delimiter, Outlook's "Original Message" or a list footer on.
 * Forwarded messages are kept (their content is what the sender is raising).
 */
export function ownText(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let forwardedHeaders = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FORWARDED.test(line)) forwardedHeaders = true;
    else if (line.trim() === '') forwardedHeaders = false;
    if (forwardedHeaders) {
      kept.push(line);
      continue;
    }
    if (CUT.some((p) => p.test(line))) break;
    if (FOOTER_RULE.test(line) && FOOTER_LIST.test(lines[i + 1] ?? '')) break;
    if (OUTLOOK_RULE.test(line) && OUTLOOK_FROM.test(lines[i + 1] ?? '')) break;
    if (OUTLOOK_FROM.test(line) && /^\*?(Sent|Gesendet|Envoyé|Date):/.test(lines[i + 1] ?? '') && /^\*?(To|An|À|Subject):/.test(lines[i + 2] ?? '')) break;
    if (/^\s*>/.test(line) || /^\s*\[\[alternative HTML version deleted\]\]\s*$/.test(line)) continue;
    if (OTHER_QUOTE.test(line) && (OTHER_QUOTE.test(lines[i + 1] ?? '') || OTHER_QUOTE.test(lines[i - 1] ?? ''))) continue;
    if (ATTRIBUTION_END.test(line) && (ATTRIBUTION_START.test(line) || /^\s*>/.test(lines[i + 1] ?? '') || (lines[i + 1] ?? '').trim() === '')) {
      // A two-line attribution: "On Mon, Jan 6, 2025 at 10:00 AM Jane Doe <" / "jane@example.com> wrote:".
      const previous = kept[kept.length - 1];
      if (previous !== undefined && ATTRIBUTION_START.test(previous) && !ATTRIBUTION_START.test(line)) kept.pop();
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
