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

/** "On Tue, 5 Jan 2025, Jane Doe wrote:" (possibly wrapped over two lines), "Am … schrieb …:", "Le … a écrit :". */
const ATTRIBUTION_END = /(wrote|writes|schrieb|a écrit|escribió|skrev)\s*:\s*$/i;
const ATTRIBUTION_START = /^(On|Am|Le|El|Den|Quoting|Citando)\b/i;

/**
 * The author's own text of a body: drops `>` quoted lines and the attribution line before them,
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
