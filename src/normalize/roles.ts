// Roles for messages whose export could not say them, read from the conversation: who asked, who answers.
import type { Message, RawMessage, Role } from '../model/types.js';
import { agentId } from './agents.js';

/** A message with its role settled, whether the export gave it or the conversation did, and why. */
export function toMessage(raw: RawMessage, role: Role = raw.role ?? 'customer', roleSource: Message['roleSource'] = raw.role ? 'given' : 'inferred', roleReason?: string): Message {
  const brandName = raw.brand ?? raw.author;
  const message: Message = { ...raw, role, roleSource, agent: role === 'brand' ? agentId(brandName, raw.text) : null };
  if (roleReason) message.roleReason = roleReason;
  return message;
}

/**
 * How often each author, across the whole input, opened a thread with a question of their own and how
 * often they answered in somebody else's: a list regular who answers in many threads and asks in few is a
 * known helper, whatever order one thread's messages come in.
 */
export interface RoleContext {
  asked: ReadonlyMap<string, number>;
  answered: ReadonlyMap<string, number>;
}

const EMPTY: RoleContext = { asked: new Map(), answered: new Map() };

/** An author's identity across name forms: lower case, letters and digits only ("Dr. Jane Doe" ~ "jane doe"). */
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .trim();
}

/** Whether a name an attribution line or an IRC address gives is this author. */
function sameAuthor(named: string, author: string): boolean {
  const a = nameKey(named);
  const b = nameKey(author);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  // An address against a name or a shortened name: every word of the shorter form is a word of the longer.
  const wa = a.split(' ').filter((w) => w.length >= 2 && !w.includes('?'));
  const wb = new Set(b.split(' '));
  if (wa.length === 0) return false;
  const shared = wa.filter((w) => wb.has(w)).length;
  return shared >= Math.min(2, wa.length) && shared >= Math.min(wa.length, wb.size) - 1 && wa.some((w) => w.length >= 3 && wb.has(w));
}

/**
 * A list announcement nobody asked for: a release, a closure, a call, a post or event notice. Read from the
 * subject tag or the opening lines, and only when the message does not also ask for help.
 */
const ANNOUNCE_SUBJECT = /^(\s*\[[^\]]{1,40}\]|\s*fwd?:)*\s*(\[(ann|announce|announcement|release|job|jobs|event|cfp)\]|(webinar|workshop|call for \w+|fortune nomination|job|position)\b)/i;
const ANNOUNCE_TEXT =
  /\b(is (now )?released|has been released|(are|is) (now )?available (on|from|at) (cran|github|pypi)|we are (pleased|happy|delighted|excited) to (announce|release|share|invite)|(i am|i'm) (pleased|happy|delighted) to announce|announcing (the|a|version|release)|will be (closed|down|offline|unavailable|shut down)|submissions? (are |is )?(now )?(closed|open)|office hours|call for (papers|abstracts|proposals|participation|contributions)|(job|postdoc(toral)?|phd|faculty) (position|opening|opportunit)|registration is (now )?open|(webinar|workshop|conference|seminar|meetup|short course|summer school)s? (on|in|at|will|is|this|next)|(has been|was|will be) (archived|retired|orphaned|deprecated)|(new|major|minor) (version|release)s? of|fortunes? (nomination|candidate))\b/i;
const ASKS_FOR_HELP = /(\?\s*$|\b(how (do|can|could|should) (i|we)|any (idea|help|hint|pointer|suggestion|advice)s?\b|(i am|i'm) (trying|having|getting|unable|struggling)|(doesn't|does not|won't|will not|didn't|did not) work|i (can't|cannot|could not|couldn't)\b|please help))/im;

export function isAnnouncement(m: Pick<RawMessage, 'text' | 'subject' | 'reply'>): boolean {
  if (REPLY_SUBJECT.test(m.subject ?? '')) return false;
  const opening = m.text.slice(0, 600);
  if (ASKS_FOR_HELP.test(opening.slice(0, 300))) return false;
  return ANNOUNCE_SUBJECT.test(m.subject ?? '') || ANNOUNCE_TEXT.test(`${m.subject ?? ''}\n${opening}`);
}

const REPLY_SUBJECT = /^\s*(\[[^\]]{1,40}\]\s*)*(re|aw|sv|vs|antw|antwort|r)(\[\d+\])?\s*:/i;

/** First person with a problem or a thanks: what an asker writes, not a helper. */
const ASKER_WORDS = /\b(thanks?|thank you|many thanks|that (worked|works|did it|fixed it|solved it)|it works( now)?|solved|my (code|data|problem|question|script|system|machine|computer|laptop)|i (have|get|got|tried|need|want|am|was|can't|cannot|don't)|i'm|i've)\b/i;
/** Second person and instructions: what a helper writes. */
const HELPER_WORDS = /\b(you (can|could|should|need|might|may|want|have to|must)|you'll|you're|have you|did you|are you|do you|try|use|run|type|install)\b/i;
/** A problem reported: what an asker (or a regular with a problem of their own) writes. */
const PROBLEM = /\b(errors?|warnings?|fail(s|ed|ing|ure)?|problems?|issues?|bug|crash(es|ed)?|broken|not working)\b/i;
/** A greeting to the list ("Dear all", "Hello R-help") opens a question or a notice; one to a person ("Hi Iago,") answers them. */
const GREETING = /^\s*(dear|hi|hello|hey|hallo|bonjour|hola),?\s+([\p{L}][\p{L}.'-]*(?:\s+[\p{L}][\p{L}.'-]*)?)\s*[,:!]/iu;
const TO_THE_LIST = /^(all|everyone|everybody|list|listers|folks|friends|colleagues|experts|r|r[- ]?(help|users?|devel(opers)?|developpers|experts|core|community)|sir|sirs|madam|team|there|again|both)\b/i;

/** Whom a message greets by name at its start, or null (no greeting, or one to the whole list). */
function greeted(text: string): string | null {
  const m = GREETING.exec(text);
  if (!m || TO_THE_LIST.test(m[2]!)) return null;
  return m[2]!;
}

/** Thanks or a problem of one's own at the start, and no instructions: a message an asker writes. */
function asksBack(m: RawMessage): boolean {
  const opening = m.text.slice(0, 300);
  return (ASKER_WORDS.test(opening) || ASKS_FOR_HELP.test(opening) || (PROBLEM.test(opening) && greetsTheList(m))) && !HELPER_WORDS.test(m.text.slice(0, 120).replace(/\bthank(s| you)\b/gi, ''));
}

/** What a thread's first message (of those whose role is open) is: a question, an answer to someone absent, or an announcement. */
type Opening = 'asks' | 'answers' | 'announces';

function opening(m: RawMessage, present: ReadonlySet<string>, context: RoleContext): Opening {
  if (m.source === 'irc' && m.answers) {
    // "jane: are you using …" answers jane; "daniels: is there a problem with …" asks a known helper.
    const second = /\b(you|your|you're|u)\b/i.test(m.text);
    if (!second && helperScore(m.answers.toLowerCase(), context) > helperScore(m.author.toLowerCase(), context)) return 'asks';
    return 'answers';
  }
  if (m.source === 'irc' && regularSpeaks(m, context)) return 'answers';
  if (isAnnouncement(m)) return 'announces';
  // A reply to a message not in the input answers someone when it says so: a "Re:" subject, a quoted author
  // or a greeting to a person (a reply header alone is not enough: new questions are often sent as replies).
  if (m.reply && !(m.parent && present.has(m.parent)) && (m.answers || REPLY_SUBJECT.test(m.subject ?? '') || greeted(m.text))) return 'answers';
  return regularSpeaks(m, context) ? 'answers' : 'asks';
}

function greetsTheList(m: RawMessage): boolean {
  const g = GREETING.exec(m.text);
  return g !== null && TO_THE_LIST.test(g[2]!);
}

/** A list or channel regular who opens a thread without asking for anything: an answer or a notice, not a question. */
function regularSpeaks(m: RawMessage, context: RoleContext): boolean {
  const opening = m.text.slice(0, 300);
  return knownHelper(key(m), context) && !ASKS_FOR_HELP.test(opening) && !ASKER_WORDS.test(opening) && !PROBLEM.test(opening) && !/\?|\b(help|need|hi|hello|hey)\b/i.test(opening);
}

function helperScore(author: string, context: RoleContext): number {
  return (context.answered.get(author) ?? 0) - 2 * (context.asked.get(author) ?? 0);
}

/** A list regular: answers in at least three threads of others, and at least three times as often as they ask. */
function knownHelper(author: string, context: RoleContext): boolean {
  const answered = context.answered.get(author) ?? 0;
  return answered >= 3 && answered >= 3 * (context.asked.get(author) ?? 0);
}

/** Author keys (lower case) as role evidence counts them. */
function key(m: RawMessage): string {
  return m.author.toLowerCase();
}

/** Count, over every thread of an input, who opened with a question and who answered in others' threads. */
export function roleContext(threads: readonly (readonly RawMessage[])[]): RoleContext {
  const asked = new Map<string, number>();
  const answered = new Map<string, number>();
  for (const thread of threads) {
    const open = thread.filter((m) => m.role === null);
    if (!open.length) continue;
    const present = new Set(thread.map((m) => m.id));
    const first = open[0]!;
    // Asking is opening with a question or a problem; answering is writing after someone else opened, or
    // addressing someone by name. A regular who opens threads with answers is not counted as asking.
    const opener = opening(first, present, EMPTY) === 'asks' && (ASKS_FOR_HELP.test(first.text.slice(0, 300)) || /\?/.test(first.text)) ? key(first) : null;
    if (opener) asked.set(opener, (asked.get(opener) ?? 0) + 1);
    const answering = new Set(open.filter((m) => key(m) !== key(first) || (m.answers && m.answers.toLowerCase() !== key(m))).map(key));
    for (const author of answering) if (author !== opener) answered.set(author, (answered.get(author) ?? 0) + 1);
  }
  return { asked, answered };
}

/** The thread's customer among the authors whose role is open, and why; null when the asker is not in the input. */
function findCustomer(open: readonly RawMessage[], present: ReadonlySet<string>, context: RoleContext): { author: string | null; reason: string; brandReason: string } {
  const first = open[0]!;
  const kind = opening(first, present, context);
  if (kind === 'asks') return { author: first.author, reason: 'opened the thread', brandReason: 'answers in the thread' };
  const others = open.filter((m) => m.author !== first.author);
  if (kind === 'announces') {
    const asker = others.find((m) => ASKS_FOR_HELP.test(m.text) && !knownHelper(key(m), context));
    return {
      author: asker?.author ?? null,
      reason: 'asked about an announcement',
      brandReason: asker && asker.author !== first.author ? 'announces to the list, or answers' : 'announcement to the list: nobody asked',
    };
  }
  // A reply that quotes a list regular, by someone who is not one, with thanks or a problem: the asker, back.
  if (!knownHelper(key(first), context) && ((first.answers && knownHelper(first.answers.toLowerCase(), context)) || asksBack(first))) {
    return { author: first.author, reason: first.answers ? `replies to ${first.answers}'s answer with thanks or a question` : 'replies to the answers with thanks or a question', brandReason: 'answers in the thread' };
  }
  // The first message answers someone: the person it names, if they write here, is the customer.
  const named = first.answers ?? greeted(first.text);
  const namedHere = named ? others.find((m) => sameAuthor(named, m.author)) : undefined;
  if (namedHere) return { author: namedHere.author, reason: `the first message answers ${namedHere.author}`, brandReason: `answers ${namedHere.author}` };
  // Else whoever replies to an answerer with thanks or a problem of their own, and is not a list regular.
  const follower = others.find((m) => (m.source !== 'irc' || m.answers) && asksBack(m) && !knownHelper(key(m), context));
  if (follower) return { author: follower.author, reason: 'replies to the answers with thanks or a follow-up of their own', brandReason: 'answers in the thread' };
  const absent = named ? `answers ${named}, whose question is not in the input` : 'answers a question that is not in the input';
  return { author: null, reason: '', brandReason: absent };
}

/**
 * A Twitter thread opened by an account the export marks inbound, with no @-mention but a link or a hashtag,
 * that other inbound accounts reply to: a brand's own broadcast (a promotion, its CEO), not a customer's complaint.
 */
function broadcaster(thread: readonly RawMessage[]): string | null {
  const root = thread[0];
  // A promotion links or tags (a URL, a #hashtag); a customer venting to no one in particular rarely does both without a mention.
  if (!root || root.source !== 'twcs' || root.role !== 'customer' || root.parent || /@\w/.test(root.text) || !/https?:\/\/|#\w/.test(root.text)) return null;
  const repliers = thread.filter((m) => m.parent === root.id && m.role === 'customer' && m.author !== root.author);
  return repliers.length ? root.author : null;
}

/**
 * Settle the roles of one thread's messages (in thread order). A role the export gives is kept (save a
 * brand's broadcast on Twitter). For the others the customer is whoever the thread serves: the author of
 * its first message when that message asks; when it answers someone absent, the person it names or who
 * thanks the answerers; when it announces, nobody (a brand-first exchange). Everyone else answers for the
 * brand side. Each inferred role carries its reason.
 */
export function resolveRoles(thread: readonly RawMessage[], context: RoleContext = EMPTY): Message[] {
  const promo = broadcaster(thread);
  const open = thread.filter((m) => m.role === null);
  const present = new Set(thread.map((m) => m.id));
  const found = open.length ? findCustomer(open, present, context) : null;
  return thread.map((raw) => {
    if (promo !== null && raw.author === promo) return toMessage(raw, 'brand', 'inferred', "broadcast: the account's own tweet, which customers reply to");
    if (raw.role) return toMessage(raw, raw.role, 'given');
    if (found!.author !== null && raw.author === found!.author) return toMessage(raw, 'customer', 'inferred', found!.reason);
    return toMessage(raw, 'brand', 'inferred', found!.brandReason);
  });
}

/** How a message's role was decided, as reports print it: `given`, or `inferred(<reason>)`. */
export function roleNote(m: Pick<Message, 'roleSource' | 'roleReason'>): string {
  return m.roleSource === 'given' ? 'given' : `inferred(${m.roleReason ?? 'the thread\'s shape'})`;
}

/** The role notes of an exchange's two turns (their first messages'), null for a turn it lacks. */
export function turnRoles(e: { customerTurn: readonly Message[]; brandTurn: readonly Message[] }): { customer: string | null; brand: string | null } {
  const first = (turn: readonly Message[]): string | null => (turn[0] ? roleNote(turn[0]) : null);
  return { customer: first(e.customerTurn), brand: first(e.brandTurn) };
}
