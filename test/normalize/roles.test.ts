import { describe, expect, it } from 'vitest';
import type { RawMessage } from '../../src/model/types.js';
import { resolveRoles } from '../../src/normalize/roles.js';
import { buildThreads } from '../../src/normalize/threads.js';
import { cutExchanges } from '../../src/normalize/exchanges.js';

let clock = Date.UTC(2025, 0, 1);
function raw(id: string, author: string, overrides: Partial<RawMessage> = {}): RawMessage {
  clock += 60_000;
  return { id, source: 'mbox', file: 'x.mbox', line: 1, author, role: null, time: clock, text: `text of ${id}`, parent: null, ...overrides };
}

describe('roles inferred per thread', () => {
  it('makes the opener the customer and whoever answers the support side', () => {
    const messages = resolveRoles([raw('1', 'asker'), raw('2', 'helper'), raw('3', 'asker'), raw('4', 'other helper')]);
    expect(messages.map((m) => [m.author, m.role, m.roleSource])).toEqual([
      ['asker', 'customer', 'inferred'],
      ['helper', 'brand', 'inferred'],
      ['asker', 'customer', 'inferred'],
      ['other helper', 'brand', 'inferred'],
    ]);
  });

  it('keeps given roles, and skips a brand auto-reply when finding the opener', () => {
    const messages = resolveRoles([raw('1', 'robot', { role: 'brand', bot: true }), raw('2', 'asker'), raw('3', 'agent')]);
    expect(messages.map((m) => [m.role, m.roleSource])).toEqual([['brand', 'given'], ['customer', 'inferred'], ['brand', 'inferred']]);
    expect(messages[2]!.agent).toBeNull();
  });
});

describe('threads by subject when reply links are missing', () => {
  it('joins an orphan reply to the earliest earlier message with its subject that shares a participant', () => {
    const root = raw('root', 'ann@x.org', { topic: 'printer broken', participants: ['ann@x.org', 'help@acme.example'] });
    const answer = raw('answer', 'help@acme.example', { topic: 'printer broken', reply: true, parent: 'lost@acme.example', participants: ['help@acme.example', 'ann@x.org'] });
    const stranger = raw('stranger', 'bob@y.org', { topic: 'printer broken', reply: true, participants: ['bob@y.org', 'sales@z.example'] });
    const listPost = raw('list', 'cy@z.org', { topic: 'printer broken', reply: true, participants: ['cy@z.org'] });
    const fresh = raw('fresh', 'dee@x.org', { topic: 'printer broken', participants: ['dee@x.org', 'help@acme.example'] });
    const { threads } = buildThreads([root, answer, stranger, listPost, fresh]);
    expect(threads.map((t) => t.messages.map((m) => m.id))).toEqual([['root', 'answer', 'list'], ['stranger'], ['fresh']]);
  });
});

describe('roles read from the conversation (issue: who asked, who answers)', () => {
  const roles = (thread: RawMessage[]) => buildThreads(thread).threads.flatMap((t) => t.messages.map((m) => [m.author, m.role, m.roleReason]));

  it('a thread whose question is in an earlier archive: the first answerer is not the customer; the asker it quotes is', () => {
    const answer = raw('a1', 'Helper One', { reply: true, parent: 'gone@x', subject: 'Re: [R] merge two data frames', answers: 'Ann Asker', text: 'Use merge(x, y, by = "id").' });
    const back = raw('a2', 'Ann Asker', { reply: true, parent: 'a1', subject: 'Re: [R] merge two data frames', text: 'Thanks, that worked.' });
    expect(roles([answer, back])).toEqual([
      ['Helper One', 'brand', 'answers Ann Asker'],
      ['Ann Asker', 'customer', 'the first message answers Ann Asker'],
    ]);
  });

  it('answers to an absent asker stay on the answering side and name the asker the attribution line gives', () => {
    const one = raw('b1', 'Helper One', { reply: true, parent: 'gone@x', subject: 'Re: [R] plot axes', answers: 'Bo Absent', text: 'See ?par and the mar argument.' });
    const two = raw('b2', 'Helper Two', { reply: true, parent: 'b1', subject: 'Re: [R] plot axes', answers: 'Helper One', text: 'Or use ggplot2 and set the limits there.' });
    expect(roles([one, two])).toEqual([
      ['Helper One', 'brand', 'answers Bo Absent, whose question is not in the input'],
      ['Helper Two', 'brand', 'answers Bo Absent, whose question is not in the input'],
    ]);
  });

  it('an announcement nobody asked for is brand-first: no customer turn', () => {
    const ann = raw('c1', 'Release Manager', { subject: '[R] R 4.9.1 is released', text: 'R 4.9.1 is released; sources are on CRAN.' });
    const thanks = raw('c2', 'List Reader', { reply: true, parent: 'c1', subject: 'Re: [R] R 4.9.1 is released', text: 'Great news.' });
    expect(roles([ann, thanks])[0]).toEqual(['Release Manager', 'brand', 'announcement to the list: nobody asked']);
    const cut = buildThreads([ann]).threads[0]!;
    expect(cutExchanges(cut).map((e) => [e.customerTurn.length, e.brandTurn.length])).toEqual([[0, 1]]);
  });

  it('a new question sent as a reply to an old mail (no "Re:", quotes nobody) is still a question', () => {
    const q = raw('d1', 'New Asker', { reply: true, parent: 'digest@x', subject: '[R] lme4 convergence', text: 'How do I fix this warning?' });
    expect(roles([q])).toEqual([['New Asker', 'customer', 'opened the thread']]);
  });

  it('the asker replying to an answer whose question is lost is the customer', () => {
    const back = raw('e1', 'Ann Asker', { reply: true, parent: 'gone@x', subject: 'Re: [R] read.csv', answers: 'Helper One', text: 'Thank you, but I still get the error on my data.' });
    const more = raw('e2', 'Helper One', { reply: true, parent: 'e1', subject: 'Re: [R] read.csv', answers: 'Ann Asker', text: 'Then send us str(x).' });
    expect(roles([back, more]).map((r) => r[1])).toEqual(['customer', 'brand']);
  });

  it('IRC: the helper addressed by name does not become the customer; the nick a first line answers does', () => {
    const a = raw('i1', 'helper', { source: 'irc', answers: 'asker', text: 'asker: are you using the nvidia driver?' });
    const b = raw('i2', 'asker', { source: 'irc', parent: 'i1', answers: 'helper', text: 'helper: yes, the proprietary one' });
    expect(roles([a, b])).toEqual([
      ['helper', 'brand', 'answers asker'],
      ['asker', 'customer', 'the first message answers asker'],
    ]);
  });

  it('Twitter: a root tweet with no @-mention that other customers reply to is a broadcast on the brand side', () => {
    const promo = raw('t1', '115999', { source: 'twcs', role: 'customer', text: 'Our new menu is here! https://t.co/x' });
    const vent = raw('v1', '115998', { source: 'twcs', role: 'customer', text: 'Never ordering from them again, wrong country!' });
    const friend = raw('v2', '115997', { source: 'twcs', role: 'customer', parent: 'v1', text: '@115998 oh no' });
    expect(roles([vent, friend]).map((r) => r[1])).toEqual(['customer', 'customer']);
    const fan = raw('t2', 'fan42', { source: 'twcs', role: 'customer', parent: 't1', text: '@115999 is it in every store?' });
    const care = raw('t3', 'BrandCare', { source: 'twcs', role: 'brand', parent: 't2', text: '@fan42 Yes, every store!' });
    expect(roles([promo, fan, care]).map((r) => r.slice(0, 2))).toEqual([['115999', 'brand'], ['fan42', 'customer'], ['BrandCare', 'brand']]);
  });
});

describe('ids are unique within an input, not across inputs', () => {
  it('the same id in two files is two messages; within one file the copy is a counted duplicate', () => {
    const a = raw('7', 'ann', { file: 'a.csv' });
    const b = raw('7', 'bob', { file: 'b.csv' });
    const again = raw('7', 'cy', { file: 'b.csv' });
    const { threads, diagnostics } = buildThreads([a, b, again]);
    expect(threads.map((t) => t.id).sort()).toEqual(['7', 'b.csv#7']);
    expect(diagnostics).toMatchObject([{ code: 'duplicate-id', file: 'b.csv' }]);
  });

  it('a folder of mail files is one input: the same Message-ID in two of its files is a duplicate', () => {
    const a = raw('m@x', 'ann', { file: 'maildir/cur/1', input: 'maildir' });
    const b = raw('m@x', 'ann', { file: 'maildir/new/2', input: 'maildir' });
    const { threads, diagnostics } = buildThreads([a, b]);
    expect(threads).toHaveLength(1);
    expect(diagnostics).toMatchObject([{ code: 'duplicate-id', file: 'maildir/new/2' }]);
  });

  it('a reply whose parent is in another input joins it (mail threads span archive files)', () => {
    const q = raw('q@x', 'ann', { file: 'march.mbox', subject: '[R] sort' });
    const r = raw('r@x', 'bob', { file: 'april.mbox', reply: true, parent: 'q@x', subject: 'Re: [R] sort' });
    const { threads } = buildThreads([q, r]);
    expect(threads.map((t) => t.messages.map((m) => [m.id, m.role]))).toEqual([[['q@x', 'customer'], ['r@x', 'brand']]]);
  });
});

describe('greetings and problem reports', () => {
  const roles = (thread: RawMessage[]) => buildThreads(thread).threads.flatMap((t) => t.messages.map((m) => [m.author, m.role]));

  it('a reply that greets a person answers them; one that greets the list with a problem asks', () => {
    const answer = raw('g1', 'Helper One', { reply: true, parent: 'gone@x', subject: '[R] seq function', text: 'Dear Nick,\nchange the confidence level in tau().' });
    expect(roles([answer])).toEqual([['Helper One', 'brand']]);
    const ask = raw('g2', 'Pkg Author', { reply: true, parent: 'gone@y', subject: 'Re: [R-pkg-devel] vignette', answers: 'CRAN', text: 'Hello, All:\nThe package is failing CRAN checks with LaTeX errors.' });
    expect(roles([ask])).toEqual([['Pkg Author', 'customer']]);
  });
});

describe('roles read from the conversation, round 2 (development set: fixtures/training/roles)', () => {
  const roles = (thread: RawMessage[]) => buildThreads(thread).threads.flatMap((t) => t.messages.map((m) => [m.author, m.role, m.roleReason]));
  const irc = (id: string, author: string, text: string, overrides: Partial<RawMessage> = {}) => raw(id, author, { source: 'irc', text, conversation: 'conv', ...overrides });

  it('a reply quoting its own author is a follow-up of their own question, not an answer', () => {
    const back = raw('s1', 'Mia Jones', { reply: true, parent: 'gone@x', subject: 'Re: [R] read_excel dates', answers: 'Jones, Mia', text: 'Following up on my own mail: the dates still come out as numbers.' });
    const help = raw('s2', 'Helper One', { reply: true, parent: 's1', subject: 'Re: [R] read_excel dates', answers: 'Mia Jones', text: 'Use as.Date(x, origin = "1899-12-30").' });
    expect(roles([back, help])).toEqual([
      ['Mia Jones', 'customer', 'follows up a question of their own'],
      ['Helper One', 'brand', 'answers in the thread'],
    ]);
  });

  it('"Dear members," greets the list: a problem reported that way asks', () => {
    const ask = raw('l1', 'New Member', { reply: true, parent: 'gone@y', subject: '[R] update.packages loops', text: 'Dear members,\nfor two weeks update.packages() proposes the same package again.' });
    expect(roles([ask])).toEqual([['New Member', 'customer', 'opened the thread']]);
  });

  it('a course notice nobody asked for is an announcement, though it asks "are you…?"', () => {
    const notice = raw('n1', 'Course Office', { subject: '[R-sig-eco] Online course: GLMMs in R', text: 'Dear all,\nregistration is now open for our online course "GLMMs in R", 3-6 March.\nAre you ready to model your data?' });
    expect(roles([notice])).toEqual([['Course Office', 'brand', 'announcement to the list: nobody asked']]);
  });

  it('a greeting to someone who writes later in the thread answers them, reply header or not (a misspelt name too)', () => {
    const answer = raw('k1', 'Helper One', { subject: '[R] fitting a curve', text: 'Dear Kalrs,\nnls() with a good start value will do it.' });
    const asker = raw('k2', 'Karls Berg', { reply: true, parent: 'k1', subject: 'Re: [R] fitting a curve', text: 'Thank you, it converges now.' });
    expect(roles([answer, asker]).map((r) => r.slice(0, 2))).toEqual([['Helper One', 'brand'], ['Karls Berg', 'customer']]);
  });

  it('a reply to the list digest answers someone in the digest', () => {
    const answer = raw('dg1', 'Digest Reader', { reply: true, parent: 'digest-17@x', subject: '[R-SIG-Mac] rattle', answers: 'r-sig-mac-request@r-project.org', text: 'rattle still wants RGtk2, which is gone from CRAN; install the archived version with remotes::install_version().' });
    const asker = raw('dg2', 'Original Asker', { reply: true, parent: 'dg1', subject: 'Re: [R-SIG-Mac] rattle', text: 'Thank you for trying.' });
    expect(roles([answer, asker]).map((r) => r.slice(0, 2))).toEqual([['Digest Reader', 'brand'], ['Original Asker', 'customer']]);
  });

  it('IRC: a greeting opens nothing; the question after it does', () => {
    expect(roles([irc('h1', 'greeter', 'asker: hi'), irc('h2', 'asker', 'does anyone know a good jukebox player'), irc('h3', 'greeter', 'asker: try rhythmbox')]).map((r) => r.slice(0, 2))).toEqual([
      ['greeter', 'brand'],
      ['asker', 'customer'],
      ['greeter', 'brand'],
    ]);
  });

  it('IRC: asking someone by name whether they know is asking; a command handed to someone answers them', () => {
    expect(roles([irc('q1', 'asker', 'helper, do you know much about wireless cards?'), irc('q2', 'helper', 'asker: a bit, which chipset?')]).map((r) => r.slice(0, 2))).toEqual([
      ['asker', 'customer'],
      ['helper', 'brand'],
    ]);
    expect(roles([irc('c1', 'helper', 'asker: what does "sudo iwconfig" show?'), irc('c2', 'asker', 'helper: only eth0 and lo')]).map((r) => r.slice(0, 2))).toEqual([
      ['helper', 'brand'],
      ['asker', 'customer'],
    ]);
  });

  it('IRC: a question without a question mark opens the thread as a question', () => {
    expect(roles([irc('w1', 'newbie', 'why is my wifi so slow on ubuntu'), irc('w2', 'helper', 'newbie: which driver')]).map((r) => r.slice(0, 2))).toEqual([
      ['newbie', 'customer'],
      ['helper', 'brand'],
    ]);
  });

  it('a helper sharing what fixed it for them ("try …, I had the same problem") is still helping', () => {
    expect(roles([irc('x1', 'helper', 'asker, try replugging the monitor, i had the same problem and that fixed it'), irc('x2', 'asker', 'helper: thanks, it works now')]).map((r) => r.slice(0, 2))).toEqual([
      ['helper', 'brand'],
      ['asker', 'customer'],
    ]);
  });
});

describe('roles read from the conversation, round 3 (threads a regular opens)', () => {
  const roles = (thread: RawMessage[]) => buildThreads(thread).threads.flatMap((t) => t.messages.map((m) => [m.author, m.role, m.roleReason]));
  const irc = (id: string, author: string, text: string, overrides: Partial<RawMessage> = {}) => raw(id, author, { source: 'irc', text, conversation: 'conv3', ...overrides });
  const bot = (id: string, text: string) => irc(id, 'ubotu', text, { role: 'brand', bot: true });

  it('IRC: a bot command pointed at nobody asks the bot; one pointed at a nick answers that nick', () => {
    expect(roles([irc('b1', 'asker', '!nvidia'), bot('b2', 'To install the drivers, see the BinaryDriverHowto')]).map((r) => r.slice(0, 2))).toEqual([
      ['asker', 'customer'],
      ['ubotu', 'brand'],
    ]);
    expect(roles([irc('p1', 'helper', '!cloning > asker (see the private message from ubotu)'), irc('p2', 'asker', 'helper - thanks, that was my question')]).map((r) => r.slice(0, 2))).toEqual([
      ['helper', 'brand'],
      ['asker', 'customer'],
    ]);
  });

  it('IRC: a line nobody else takes part in is its author’s own, unless it hands over help', () => {
    // A channel regular (answers in three threads of others): a lone remark of theirs is their own; a lone
    // line that hands over a command answers someone whose question is not in the input.
    const others = [1, 2, 3].flatMap((n) => [irc(`q${n}`, `asker${n}`, 'why does apt hang', { conversation: `c${n}` }), irc(`a${n}`, 'helper', `asker${n}: check the log`, { conversation: `c${n}` })]);
    const remark = irc('o1', 'helper', 'brb', { conversation: 'remark' });
    const lone = irc('o2', 'helper', 'just run sudo dpkg --configure -a and it will finish', { conversation: 'lone' });
    const threads = buildThreads([...others, remark, lone]).threads;
    expect(threads.find((t) => t.id === 'o1')!.messages.map((m) => [m.author, m.role, m.roleReason])).toEqual([['helper', 'customer', 'the only one writing, helping nobody in words']]);
    const byThread = threads.find((t) => t.id === 'o2')!;
    expect(byThread.messages.map((m) => [m.author, m.role])).toEqual([['helper', 'brand']]);
  });

  it('mail: a bare name opening a message that speaks to "you" answers that person', () => {
    const answer = raw('v1', 'Helper One', { reply: true, parent: 'gone@x', subject: 'Re: [R] reshape', text: 'Stefano,\nI see you already have an answer; pivot_longer() is another way.' });
    expect(roles([answer])).toEqual([['Helper One', 'brand', 'answers Stefano, whose question is not in the input']]);
    const asks = raw('v2', 'Asker', { subject: '[R] reshape', text: 'Thanks, I tried that and it fails on my data.' });
    expect(roles([asks]).map((r) => r[1])).toEqual(['customer']);
  });

  it('mail: an off-topic FYI nobody asked for is an announcement', () => {
    const fyi = raw('f1', 'List Regular', { subject: '[R] a paper on p-hacking', text: 'This is off topic, but the list may find this paper of interest: https://example.org/paper' });
    expect(roles([fyi])).toEqual([['List Regular', 'brand', 'announcement to the list: nobody asked']]);
  });
});
