// --redact and the "redact" config default, through the binary: every command's output is masked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twcsCsv } from './arbitraries.js';
import { rapport, tempDir } from './spawn.js';

const tmp = tempDir();
const input = join(tmp, 'pii.csv');
writeFileSync(
  input,
  twcsCsv([
    { id: '1', author: 'jane_doe', inbound: true, text: '@AcmeHelp worst service, I am so frustrated. Mail jane.doe@example.com, call (555) 123-4567' },
    { id: '2', author: 'AcmeHelp', inbound: false, text: '@jane_doe Sorry! Can you DM us your card number 4111 1111 1111 1111?', parent: '1' },
    { id: '3', author: 'jane_doe', inbound: true, time: 'soon', text: 'IBAN DE89 3704 0044 0532 0130 00', parent: '2' },
  ]),
);
const SECRETS = ['jane.doe@example.com', '(555) 123-4567', '4111 1111 1111 1111', 'DE89 3704', 'jane_doe'];
const config = (redact: boolean) => {
  const path = join(tmp, `config-${redact}.json`);
  writeFileSync(path, JSON.stringify({ redact }));
  return path;
};

describe('--redact', () => {
  it.each([
    ['analyze json', ['analyze', input, '-f', 'json'], true],
    ['analyze markdown', ['analyze', input, '-f', 'markdown'], true],
    // The page embeds the drill-down exchanges (customer and brand turns) as JSON as well as its tables.
    ['analyze html', ['analyze', input, '-f', 'html', '--by', 'agent'], true],
    ['analyze table', ['analyze', input, '-f', 'table', '--top', '50'], false],
    ['tag', ['tag', input], true],
  ])('%s: no personal data on stdout or stderr', (_name, args, showsData) => {
    const plain = rapport(args);
    const masked = rapport([...args, '--redact']);
    expect(masked.code).toBe(0);
    // Without --redact the same command does show some of it (so this test can fail).
    if (showsData) expect(SECRETS.some((s) => (plain.stdout + plain.stderr).includes(s))).toBe(true);
    for (const secret of SECRETS) expect(masked.stdout + masked.stderr).not.toContain(secret);
  });

  it('masks the records written by --rejects', () => {
    const rejects = join(tmp, 'rejects.ndjson');
    expect(rapport(['analyze', input, '--redact', '--rejects', rejects, '-q']).code).toBe(0);
    const text = readFileSync(rejects, 'utf8');
    expect(JSON.parse(text).raw).toContain('__iban__');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('is on by default with "redact": true in the config, and --no-redact turns it off', () => {
    const on = rapport(['tag', input, '--config', config(true)]);
    expect(on.code).toBe(0);
    expect(on.stdout).not.toContain('jane');
    expect(on.stdout).toContain('"customer":"customer-1"');
    expect(rapport(['tag', input, '--config', config(true), '--no-redact']).stdout).toContain('"customer":"jane_doe"');
    expect(rapport(['tag', input, '--config', config(false)]).stdout).toContain('"customer":"jane_doe"');
  });

  it('rejects a config whose "redact" is not a boolean', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"redact":"yes"}');
    const { code, stderr } = rapport(['tag', input, '--config', bad]);
    expect(code).toBe(2);
    expect(stderr).toBe(`rapport: ${bad}: "redact" must be true or false, not "yes"\n`);
  });
});
