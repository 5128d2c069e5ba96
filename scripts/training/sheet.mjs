// What the role sheets share (role-sheet.mjs, regular-sheet.mjs): a seeded shuffle, and the sheet an
// annotator reads — each thread's messages (at most 14, 600 characters each) under a `## Tnnn` heading —
// with its key file (sheet number → thread id and authors).
import { writeFileSync } from 'node:fs';

/** A seeded shuffle (a linear congruential generator: the same seed draws the same threads). */
export function shuffler(seed) {
  let state = Number(seed);
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
}

/** Writes the sheet (Markdown) and its keys (JSON) for these threads, in this order. */
export function writeSheet(out, keysOut, threads) {
  const md = [];
  const keys = [];
  threads.forEach((t, i) => {
    const n = `T${String(i + 1).padStart(3, '0')}`;
    keys.push({ sheet: n, thread: t.id, authors: [...new Set(t.messages.map((m) => m.author))] });
    md.push(`## ${n}`, t.messages[0].topic ? `Subject: ${t.messages[0].topic}` : '', '');
    for (const m of t.messages.slice(0, 14)) {
      const body = (m.fullText ?? m.text).replace(/\n{2,}/g, '\n').slice(0, 600).split('\n').map((l) => `    ${l}`).join('\n');
      md.push(`- **${m.author}**${m.time ? ` (${new Date(m.time).toISOString().slice(0, 16)})` : ''}:`, body);
    }
    if (t.messages.length > 14) md.push(`- … ${t.messages.length - 14} more messages`);
    md.push('');
  });
  writeFileSync(out, md.join('\n'));
  writeFileSync(keysOut, JSON.stringify(keys, null, 1));
}
