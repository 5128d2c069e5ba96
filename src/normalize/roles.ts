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
  const wb = b.split(' ');
  if (wa.length === 0) return false;
  const has = (w: string): boolean => wb.some((x) => sameWord(w, x));
  const shared = wa.filter(has).length;
  return shared >= Math.min(2, wa.length) && shared >= Math.min(wa.length, new Set(wb).size) - 1 && wa.some((w) => w.length >= 3 && has(w));
}

/** Two words of a name: equal, or (five letters and more) one slip apart — "Kornad" for "Konrad". */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  return slips(a, b) <= 1;
}

/** Edits between two short words: insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
function slips(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * A list announcement nobody asked for: a release, a closure, a call, a post or event notice. Read from the
 * subject tag or the opening lines, and only when the message does not also ask for help.
 */
const ANNOUNCE_SUBJECT = /^(\s*\[[^\]]{1,40}\]|\s*fwd?:)*\s*(\[(ann|announce|announcement|release|job|jobs|event|cfp)\]|(webinar|workshop|call for \w+|fortune nomination|job|position)\b)/i;
const ANNOUNCE_TEXT =
  /\b(is (now )?released|has been released|(are|is) (now )?available (on|from|at) (cran|github|pypi)|we are (pleased|happy|delighted|excited) to (announce|release|share|invite)|(i am|i'm) (pleased|happy|delighted) to announce|announcing (the|a|version|release)|will be (closed|down|offline|unavailable|shut down)|submissions? (are |is )?(now )?(closed|open)|office hours|call for (papers|abstracts|proposals|participation|contributions)|(job|postdoc(toral)?|phd|faculty) (position|opening|opportunit)|registration is (now )?open|(webinar|workshop|conference|seminar|meetup|short course|summer school)s? (on|in|at|will|is|this|next)|(has been|was|will be) (archived|retired|orphaned|deprecated)|(new|major|minor) (version|release)s? of|(submitted|uploaded|released|published) (an? )?(new|updated) versions?|fortunes? (nomination|candidate)|(would like|are pleased|are happy|are excited|is excited|is pleased|is happy) to (announce|offer|invite|share)|announce the (release|launch|availability)|registrations? (are|is) (now )?open|(seats?|slots?|places?|spots?) (left|available|remaining)|(offering|opened registration for|organi[sz]ing) (a|an|the)? ?(new )?(edition of the )?(online )?(course|seminar|webinar|workshop|training)|(online|upcoming) (course|seminar|webinar|workshop|training)|(course|seminar|workshop) (webpage|website|dates?|overview)|(rewarding|exciting) (job|role|position|opportunity)|application deadline|fyi|for your (amusement|information|interest)|(this is|slightly|a bit|somewhat) off[- ]topic|thought (this|it) (might|may|would) (be of )?interest|may be of interest to (some|many|the list|list))\b/i;
/** Asking for help in words (notices may ask "Are you looking for a rewarding job?" and ask for nothing). */
const HELP_WORDS = /\b(how (do|can|could|should) (i|we)|any (idea|help|hint|pointer|suggestion|advice)s?\b|(i am|i'm) (trying|having|getting|unable|struggling)|(doesn't|does not|won't|will not|didn't|did not) work|i (can't|cannot|could not|couldn't)\b|please help)/i;
/** Asking someone whether they know, or for their help: "does anyone here know …", "could you help …". */
const ASKS_SOMEONE = /\b((do|does) (you|u|anyone|anybody|someone|somebody) (here )?(know|have (an|any) idea)|(can|could|would) (you|u|someone|anyone|somebody) (please )?(help|tell|explain))\b/i;
const ENDS_IN_QUESTION = /\?\s*$/m;

/** A request for help: in words, to someone, or a line that ends in a question mark. */
function asksForHelp(text: string): boolean {
  return HELP_WORDS.test(text) || ASKS_SOMEONE.test(text) || ENDS_IN_QUESTION.test(text);
}

/** An out-of-office reply: a notice from a mail robot, whatever its subject says. */
const AUTO_REPLY = /^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|abwesenheitsnotiz|r[ée]ponse automatique)\b/i;
const AWAY = /\b((i am|i'm|i will be) (currently )?(out of (the )?(office|country)|away|on (annual |parental |sick )?leave)\b.{0,40}\b(until|till|from|returning)|check my (e-?mail|mail|mailbox) (less|only|occasionally))\b/i;

export function isAnnouncement(m: Pick<RawMessage, 'text' | 'subject' | 'reply'>): boolean {
  if (AUTO_REPLY.test(m.subject ?? '') || AWAY.test(m.text.slice(0, 400))) return true;
  if (REPLY_SUBJECT.test(m.subject ?? '')) return false;
  const opening = m.text.slice(0, 600);
  // A notice that also asks for help, or reports a problem of its author's ("I still have 2 WARNINGs"), is a question.
  if (HELP_WORDS.test(opening) || ownProblem(opening)) return false;
  if (ANNOUNCE_SUBJECT.test(m.subject ?? '') || ANNOUNCE_TEXT.test(`${m.subject ?? ''}\n${opening}`)) return true;
  return false;
}

const REPLY_SUBJECT = /^\s*(\[[^\]]{1,40}\]\s*)*(re|aw|sv|vs|antw|antwort|r)(\[\d+\])?\s*:/i;

/** First person with a problem or a thanks: what an asker writes, not a helper. */
const ASKER_WORDS = /\b(thanks?|thank you|many thanks|that (worked|works|did it|fixed it|solved it)|it works( now)?|solved|my (code|data|problem|question|script|system|machine|computer|laptop|package|packages|function|repo|repository|build|installation|model|file|files|analysis)|i (have|get|got|tried|need|want|am|was|can't|cannot|don't)|i'm|i've)\b/i;
/** Second person and instructions (an imperative opens a clause): what a helper writes. */
const HELPER_WORDS = /\b(you (can|could|should|need|might|may|want|have to|must)|you'll|you're|have you|did you|are you|do you(?! know)|hope (this|that|it) helps|(may|might|could) be (helpful|useful|of (some )?(use|help|interest))|(look into it|check|test it) for you)\b|\b(?<!\b(i|i'll|i'd|we|to|gonna|will|would|can|could|might|then i|and i)\s{1,3})(try|use|run|type|install)\b/i;
/** A problem reported: what an asker (or a regular with a problem of their own) writes. */
const PROBLEM = /\b(errors?|warnings?|fail(s|ed|ing|ure)?|problems?|issues?|bug|crash(es|ed)?|broken|not working)\b/i;
const FIRST_PERSON = /\b(i|my|me|mine|i'm|i've|i'd)\b/i;
const SECOND_PERSON = /\b(you|your|you're|u|ur)\b/i;
/** A path or a command line: what a helper hands over ("lock /etc/resolv.conf", "what does \"sudo iwconfig\" show?"). */
const COMMAND = /(^|[\s"'`(])(\/(etc|usr|var|dev|home|boot|opt|proc|sys|tmp)\/|~\/|sudo |apt-get |aptitude |dpkg |modprobe |gksudo |\.\/)/;

/** A problem in the first person: "I still have 2 WARNINGs", "then the problems started". */
function ownProblem(text: string): boolean {
  return PROBLEM.test(text) && FIRST_PERSON.test(text);
}

/** Instructions, or a command or a diagnostic question for someone else with nothing of the writer's own. */
function instructs(text: string): boolean {
  const plain = text.replace(/\bthank(s| you)\b/gi, '');
  return HELPER_WORDS.test(plain) || (!FIRST_PERSON.test(plain) && (COMMAND.test(plain) || (SECOND_PERSON.test(plain) && /\?/.test(plain))));
}

/** A question asked without a question mark ("why did they call it ubuntu", "does anyone here run …"), not a helper's "did you …". */
const QUESTION_START = /^(?!(what|how) (does|did|about)\b|why not\b)(why|how|what|where|which|who|when|is there|are there|is it|does|do|can|could|would|will|should|has|anyone|any ?one|anybody|somebody|someone)\b(?!\s+(you|u|your)\b)/i;
/** A greeting to the list ("Dear all", "Hello R-help") opens a question or a notice; one to a person ("Hi Iago,") answers them. */
const GREETING = /^\s*(dear|hi|hello|hey|hallo|bonjour|hola),?\s+([\p{L}][\p{L}.'-]*(?:\s+[\p{L}][\p{L}.'-]*)?)\s*[,:!]/iu;
const TO_THE_LIST =
  /^(all|everyone|everybody|list|lists|listers|members|list members|users|folks|friends|colleagues|experts|gurus|people|guys|community|r|r[- ]?(help|users?|devel(opers)?|developpers|experts|core|community|sig[- ][\p{L}-]+)|(package )?(maintainers|developers|users)|sir|sirs|madam|team|there|again|both)\b/iu;
const VOCATIVE = /^\s*(\p{Lu}[\p{Ll}'-]+(?:\s\p{Lu}[\p{Ll}'-]+)?),[ \t]*(?:\n|\s\p{L})/u;
/** Capitalised words that open a sentence with a comma and are not names. */
const NOT_A_NAME = /^(thanks|thank|yes|yeah|no|nope|well|ok|okay|sorry|indeed|agreed|also|however|actually|so|now|then|here|again|first|second|finally|sure|great|right|hmm|dear|hi|hello|hey|folks|all|everyone|unfortunately|fortunately|interesting|correct|true|perhaps|maybe|alternatively|otherwise|instead|anyway|btw|ps|note|update|apologies|cheers|regards|best|greetings|good|morning)$/i;
/** An address of the list itself or its robot ("r-sig-mac-request@…"), which is nobody's question. */
const LIST_ADDRESS = /^[^@\s]*(^r-|-(request|owner|bounces|help|devel|users?|announce|list)@)[^@\s]*@?/i;
/** A channel bot's factoid command; `!topic > nick` points it at someone (the nick is group 1). */
const BOT_COMMAND = /^!\S{1,40}(?:\s*>\s*([^\s:,()]{1,30}))?/;
/** An IRC line with nothing to answer or ask: a greeting or a ping. */
const CONTENT_FREE = /^\s*(hi|hey|hello|hiya|yo|ping|morning|evening|good (morning|evening|afternoon))\b[\s!.,:;)(-]*$/i;

/** Whom a message greets by name at its start, or null (no greeting, or one to the whole list). */
function greeted(text: string): string | null {
  const m = GREETING.exec(text);
  if (m) return TO_THE_LIST.test(m[2]!) ? null : m[2]!;
  // A bare name to open a mail that speaks to "you" ("Stefano, I see you already have an answer").
  const v = VOCATIVE.exec(text);
  return v && !NOT_A_NAME.test(v[1]!) && !TO_THE_LIST.test(v[1]!) && SECOND_PERSON.test(text.slice(0, 300)) ? v[1]! : null;
}

/** An IRC line's text without the nick it addresses ("jane: …"). */
function own(m: RawMessage): string {
  return m.source === 'irc' ? m.text.replace(/^[^\s:,]{1,30}[:,]\s+/, '') : m.text;
}

/** A question or a request for help near the start, with or without a question mark. */
function asksQuestion(m: RawMessage): boolean {
  const opening = own(m).slice(0, 300);
  // Chat lines often ask without a question mark; mail questions have one.
  return asksForHelp(opening) || (m.source === 'irc' && QUESTION_START.test(opening));
}

/** Thanks or a problem of one's own at the start, and no instructions: a message an asker writes. */
function asksBack(m: RawMessage): boolean {
  const opening = own(m).slice(0, 300);
  const mine = ASKER_WORDS.test(opening) || asksQuestion(m) || ownProblem(opening) || (PROBLEM.test(opening) && greetsTheList(m));
  return mine && !HELPER_WORDS.test(opening.slice(0, 120).replace(/\bthank(s| you)\b/gi, '')) && !instructs(opening.slice(0, 120));
}

/**
 * Whom a message answers: the author an attribution or an IRC address names (not the list, not oneself);
 * on IRC also a nick addressed at the start who writes in this thread, before or after.
 */
function addressee(m: RawMessage, authors: ReadonlyMap<string, string>): string | null {
  const named = m.answers ?? (m.source === 'irc' ? (authors.get(/^([^\s:,]{1,30})[:,]\s/.exec(m.text)?.[1]?.toLowerCase() ?? '') ?? BOT_COMMAND.exec(m.text)?.[1] ?? null) : null);
  if (named === null || LIST_ADDRESS.test(named) || sameAuthor(named, m.author) || named.toLowerCase() === key(m)) return null;
  return named;
}

/** What a thread's first message (of those whose role is open) is: a question, an answer to someone absent, or an announcement. */
type Opening = 'asks' | 'answers' | 'announces';

/** A reply that quotes its own author's earlier message: a follow-up of their own question. */
function quotesSelf(m: RawMessage): boolean {
  return m.answers !== null && m.answers !== undefined && (sameAuthor(m.answers, m.author) || m.answers.toLowerCase() === key(m));
}

function opening(m: RawMessage, present: ReadonlySet<string>, context: RoleContext, to: string | null, authors: readonly string[] = []): Opening {
  if (m.source === 'irc' && to) {
    // "jane: are you using …" answers jane; "daniels: is there a problem with …" asks a known helper.
    const second = SECOND_PERSON.test(m.text);
    const asks = asksQuestion(m) || ownProblem(own(m));
    if (HELP_WORDS.test(own(m)) || ASKS_SOMEONE.test(own(m))) return 'asks';
    if (!second && !instructs(own(m)) && asks && helperScore(to.toLowerCase(), context) >= helperScore(key(m), context)) return 'asks';
    return 'answers';
  }
  // "!nvidia" with nobody pointed at asks the bot for oneself.
  if (m.source === 'irc' && BOT_COMMAND.test(m.text) && !to) return 'asks';
  if (m.source === 'irc' && regularSpeaks(m, context)) return 'answers';
  if (isAnnouncement(m)) return 'announces';
  // A reply to a message not in the input answers someone when it says so: a "Re:" subject, a quoted author
  // or a greeting to a person (a reply header alone is not enough: new questions are often sent as replies).
  // Quoting oneself, or the list's own address, is a follow-up of one's own question.
  // A reply to the list's digest ("r-sig-mac-request@…" quoted) answers someone in the digest.
  const replies = to !== null || (m.answers !== null && m.answers !== undefined && LIST_ADDRESS.test(m.answers)) || REPLY_SUBJECT.test(m.subject ?? '') || greeted(m.text) !== null;
  if (m.reply && !(m.parent && present.has(m.parent)) && !quotesSelf(m) && replies) return 'answers';
  // "Dear Konrad," to someone who writes in the thread answers them, reply header or not.
  const greets = greeted(m.text);
  if (greets && authors.some((a) => sameAuthor(greets, a) && !sameAuthor(greets, m.author))) return 'answers';
  return regularSpeaks(m, context) ? 'answers' : 'asks';
}

function greetsTheList(m: RawMessage): boolean {
  const g = GREETING.exec(m.text);
  return g !== null && TO_THE_LIST.test(g[2]!);
}

/** A list or channel regular who opens a thread without asking for anything: an answer or a notice, not a question. */
function regularSpeaks(m: RawMessage, context: RoleContext): boolean {
  const opening = own(m).slice(0, 300);
  // A regular's line to nobody on IRC mostly goes on helping someone whose question came earlier: read as an
  // answer even with no instruction in it (a chat opener of theirs is the rarer case, and a cheaper mistake).
  return knownHelper(key(m), context) && !asksQuestion(m) && !ASKER_WORDS.test(opening) && !PROBLEM.test(opening) && !/\?|\b(help|need|hi|hello|hey)\b/i.test(opening);
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

/** The thread's authors by lower-case name. */
function authorsOf(thread: readonly RawMessage[]): Map<string, string> {
  return new Map(thread.map((m) => [key(m), m.author]));
}

/** The messages whose role is open, from the first that says something (an IRC "hi" or "ping" opens nothing). */
function opened(thread: readonly RawMessage[]): RawMessage[] {
  const open = thread.filter((m) => m.role === null);
  const start = open.findIndex((m) => m.source !== 'irc' || !CONTENT_FREE.test(own(m)));
  return start > 0 ? open.slice(start) : open;
}

/**
 * Count, over every thread of an input, who opened with a question and who answered in others' threads:
 * read from each thread's text alone (no input-wide evidence). Asking is opening with a question or a
 * problem; answering is writing after someone else opened, or opening by addressing someone without asking
 * anything. An asker who addresses a helper by name in their own thread is not answering.
 */
export function roleContext(threads: readonly (readonly RawMessage[])[]): RoleContext {
  const asked = new Map<string, number>();
  const answered = new Map<string, number>();
  for (const thread of threads) {
    const open = opened(thread);
    if (!open.length) continue;
    const present = new Set(thread.map((m) => m.id));
    const authors = authorsOf(thread);
    const first = open[0]!;
    const to = addressee(first, authors);
    const kind = opening(first, present, EMPTY, to, [...authors.values()]);
    const opener = kind === 'asks' && (asksQuestion(first) || /\?/.test(first.text)) ? key(first) : null;
    if (opener) asked.set(opener, (asked.get(opener) ?? 0) + 1);
    const openerAnswers = kind === 'answers' && to !== null && !asksBack(first);
    for (const writer of new Set(open.filter((m) => key(m) !== key(first) || openerAnswers).map(key))) {
      if (writer !== opener) answered.set(writer, (answered.get(writer) ?? 0) + 1);
    }
  }
  return { asked, answered };
}

/** The thread's customer among the authors whose role is open, and why; null when the asker is not in the input. */
function findCustomer(open: readonly RawMessage[], present: ReadonlySet<string>, context: RoleContext, authors: ReadonlyMap<string, string>): { author: string | null; reason: string; brandReason: string } {
  const first = open[0]!;
  const to = addressee(first, authors);
  const kind = opening(first, present, context, to, [...authors.values()]);
  if (kind === 'asks') return { author: first.author, reason: quotesSelf(first) ? 'follows up a question of their own' : 'opened the thread', brandReason: 'answers in the thread' };
  const others = open.filter((m) => m.author !== first.author);
  if (kind === 'announces') {
    const asker = others.find((m) => asksForHelp(m.text) && !knownHelper(key(m), context));
    return {
      author: asker?.author ?? null,
      reason: 'asked about an announcement',
      brandReason: asker && asker.author !== first.author ? 'announces to the list, or answers' : 'announcement to the list: nobody asked',
    };
  }
  // A reply that quotes a list regular, by someone who is not one, with thanks or a problem: the asker, back.
  if (!knownHelper(key(first), context) && ((to && knownHelper(to.toLowerCase(), context) && !instructs(first.text.slice(0, 300))) || asksBack(first))) {
    return { author: first.author, reason: to ? `replies to ${to}'s answer with thanks or a question` : 'replies to the answers with thanks or a question', brandReason: 'answers in the thread' };
  }
  // The first message answers someone: the person it names, if they write here, is the customer.
  const named = to ?? greeted(first.text);
  const namedHere = named ? others.find((m) => sameAuthor(named, m.author)) : undefined;
  if (namedHere) return { author: namedHere.author, reason: `the first message answers ${namedHere.author}`, brandReason: `answers ${namedHere.author}` };
  // Else whoever replies to an answerer with thanks or a problem of their own, and is not a list regular.
  const follower = others.find((m) => (m.source !== 'irc' || addressee(m, authors) || asksQuestion(m) || ownProblem(own(m))) && asksBack(m) && !knownHelper(key(m), context));
  if (follower) return { author: follower.author, reason: 'replies to the answers with thanks or a follow-up of their own', brandReason: 'answers in the thread' };
  // An IRC line nobody else takes part in, that helps no one in words: its author's own remark.
  if (first.source === 'irc' && others.length === 0 && !to && !instructs(own(first)) && !/https?:\/\//.test(first.text)) {
    return { author: first.author, reason: 'the only one writing, helping nobody in words', brandReason: 'answers in the thread' };
  }
  const absent = named ? `answers ${named}, whose question is not in the input` : 'answers a question that is not in the input';
  return { author: null, reason: '', brandReason: absent };
}

/**
 * A tweet that could open a broadcast: a root tweet from an account marked inbound, with no @-mention, that
 * links or tags (a promotion links or tags, a URL or a #hashtag; a customer venting to no one in particular
 * rarely does both without a mention). The streaming plan asks this of every message to know whether a
 * Twitter input needs its roles pass.
 */
export function mayBroadcast(m: RawMessage): boolean {
  return m.source === 'twcs' && m.role === 'customer' && !m.parent && !/@\w/.test(m.text) && /https?:\/\/|#\w/.test(m.text);
}

/**
 * A Twitter thread opened by an account the export marks inbound, with no @-mention but a link or a hashtag,
 * that other inbound accounts reply to: a brand's own broadcast (a promotion, its CEO), not a customer's complaint.
 */
function broadcaster(thread: readonly RawMessage[]): string | null {
  const root = thread[0];
  if (!root || !mayBroadcast(root)) return null;
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
  const open = opened(thread);
  const present = new Set(thread.map((m) => m.id));
  const found = open.length ? findCustomer(open, present, context, authorsOf(thread)) : null;
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
