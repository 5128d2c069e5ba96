import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/sources/errors.js';
import { normalizeTweetId } from '../../src/sources/twcs.js';
import { readTwcs } from '../helpers.js';

const HEADER = ',tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n';
const messages = (items: Awaited<ReturnType<typeof readTwcs>>) => items.flatMap((i) => ('message' in i ? [i.message] : []));
const diagnostics = (items: Awaited<ReturnType<typeof readTwcs>>) => items.flatMap((i) => ('diagnostic' in i ? [i.diagnostic] : []));

describe('twcs adapter', () => {
  it('reads the pandas index column, float parent ids and comma lists of replies', async () => {
    const items = await readTwcs(
      'a.csv',
      HEADER +
        '0,8,115712,True,Tue Oct 31 21:45:10 +0000 2017,@sprintcare is the worst customer service,"9,6,10",\n' +
        '1,6,sprintcare,False,Tue Oct 31 21:46:24 +0000 2017,"@115712 Can you please send us a private message?","5,7",8.0\n',
    );
    const [customer, brand] = messages(items);
    expect(customer).toMatchObject({ id: '8', author: '115712', role: 'customer', parent: null, line: 2 });
    expect(brand).toMatchObject({ id: '6', author: 'sprintcare', role: 'brand', brand: 'sprintcare', parent: '8', line: 3 });
    expect(brand!.time).toBe(Date.UTC(2017, 9, 31, 21, 46, 24));
  });

  it('reads the file without the index column too (the gold export shape)', async () => {
    const items = await readTwcs('b.csv', 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n5,AcmeHelp,False,Tue Oct 31 21:45:10 +0000 2017,hello,,4\n');
    expect(messages(items)[0]).toMatchObject({ id: '5', parent: '4', role: 'brand' });
  });

  it('keeps bare CRs inside the text instead of splitting the record (tweet 3399)', async () => {
    const items = await readTwcs('c.csv', HEADER + '0,3399,116510,True,Tue Oct 31 18:13:06 +0000 2017,@AskPayPal \r\rI just love the start of email,3398,\n1,3400,AskPayPal,False,Tue Oct 31 22:59:35 +0000 2017,@116510 hi,,3399.0\n');
    expect(diagnostics(items)).toEqual([]);
    const [first, second] = messages(items);
    expect(first!.text).toBe('@AskPayPal \r\rI just love the start of email');
    expect(second!.line).toBe(3);
  });

  it('reports line numbers past multi-line quoted fields and bare CRs as an editor would', async () => {
    const items = await readTwcs('d.csv', HEADER + '0,1,a,True,Tue Oct 31 18:13:06 +0000 2017,"two\nlines",,\n1,2,b,True,Tue Oct 31 18:13:06 +0000 2017,x\r\ry,,\n2,3,c,True,Tue Oct 31 18:13:06 +0000 2017,z,,\n');
    expect(messages(items).map((m) => m.line)).toEqual([2, 4, 5]);
  });

  it('turns unreadable rows into diagnostics with file, line and reason, and keeps going', async () => {
    const items = await readTwcs(
      'bad.csv',
      HEADER +
        '0,1,a,True,Tue Oct 31 18:13:06 +0000 2017,ok,,\n' +
        '1,x1,a,True,Tue Oct 31 18:13:06 +0000 2017,bad id,,\n' +
        '2,3,a,Maybe,Tue Oct 31 18:13:06 +0000 2017,bad inbound,,\n' +
        '3,4,a,True,yesterday,bad time,,\n' +
        '4,5,a,True,Tue Oct 31 18:13:06 +0000 2017,too,many,fields,here\n' +
        '5,6,a,True,Tue Oct 31 18:13:06 +0000 2017,bad parent,,abc\n' +
        '6,7,a,True,Tue Oct 31 18:13:06 +0000 2017,fine,,\n',
    );
    expect(messages(items).map((m) => m.id)).toEqual(['1', '7']);
    expect(diagnostics(items).map((d) => [d.code, d.line, d.file])).toEqual([
      ['bad-id', 3, 'bad.csv'],
      ['bad-field', 4, 'bad.csv'],
      ['bad-time', 5, 'bad.csv'],
      ['column-count', 6, 'bad.csv'],
      ['bad-id', 7, 'bad.csv'],
    ]);
    expect(diagnostics(items)[2]!.message).toContain('yesterday');
  });

  it('rejects a CSV without the export columns as a whole, naming the file and what is missing', async () => {
    await expect(readTwcs('other.csv', 'a,b,c\n1,2,3\n')).rejects.toThrow(InputError);
    await expect(readTwcs('other.csv', 'a,b,c\n1,2,3\n')).rejects.toThrow(/other\.csv:1: .*missing column\(s\) tweet_id/);
  });

  it('normalizes pandas float ids without touching 64-bit ids', () => {
    expect(normalizeTweetId('3.0')).toBe('3');
    expect(normalizeTweetId('3')).toBe('3');
    expect(normalizeTweetId('925864203779198976')).toBe('925864203779198976');
    expect(normalizeTweetId('')).toBeNull();
    expect(normalizeTweetId('3.5')).toBeNull();
  });

  it('reads every row of the real fixture (source: twcs-head5000, see fixtures/README.md)', async () => {
    const items = await readTwcs('fixtures/twcs-sample.csv', readFileSync('fixtures/twcs-sample.csv'));
    expect(diagnostics(items)).toEqual([]);
    expect(messages(items)).toHaveLength(153);
    const quirky = messages(items).find((m) => m.id === '3399');
    expect(quirky?.text).toContain('\r\r');
  });
});
