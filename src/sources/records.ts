// One message per record (CSV row, JSON object): find the columns, then turn each record into a RawMessage or a diagnostic.
import type { RawMessage, SourceKind } from '../model/types.js';
import { MAP_FIELDS, type ColumnMap, type MapField, type SourceItem, type SourceOptions } from './adapter.js';
import { brandMatcher, parseRoleValue } from './roles.js';
import { timeParser } from './time.js';

/** Column names exports use for each field, compared lower-case without spaces, `_` or `-`. */
const SYNONYMS: Record<MapField, string[]> = {
  id: ['id', 'messageid', 'msgid', 'eventid', 'commentid', 'partid', 'requestid', 'sentenceid'],
  conversation: ['conversation', 'conversationid', 'chatid', 'chat', 'ticketid', 'ticket', 'threadid', 'thread', 'sessionid', 'session', 'convoid', 'caseid', 'dialogueid', 'dialogid', 'transcriptid'],
  time: ['timestamp', 'time', 'createdat', 'created', 'date', 'datetime', 'sentat', 'sent', 'messagetime', 'ts'],
  author: ['author', 'sender', 'from', 'user', 'username', 'speaker', 'nick', 'sendername', 'authorname', 'authorid', 'senderid', 'userid', 'name'],
  text: ['text', 'message', 'body', 'content', 'messagetext', 'messagebody', 'comment', 'utterance', 'msg'],
  role: ['role', 'sendertype', 'authortype', 'usertype', 'speakertype', 'direction', 'inbound', 'fromagent', 'isagent', 'authorrole', 'senderrole'],
  parent: ['parent', 'parentid', 'inreplyto', 'replyto', 'inresponseto'],
  brand: ['brand', 'account', 'company', 'inbox', 'team'],
  channel: ['channel', 'source', 'medium'],
};

const simplify = (name: string): string => name.trim().toLowerCase().replace(/[\s_\-.]+/g, '');

/** Each field's column: the `--map` name if given (must exist), else the first column with a known name. */
export function findColumns(names: readonly string[], map: ColumnMap = {}): { columns: ColumnMap; missing: string[] } {
  const columns: ColumnMap = {};
  const missing: string[] = [];
  const bySimple = new Map<string, string>();
  for (const n of names) if (!bySimple.has(simplify(n))) bySimple.set(simplify(n), n);
  const taken = new Set<string>();
  for (const field of MAP_FIELDS) {
    const wanted = map[field];
    if (wanted !== undefined) {
      const found = names.includes(wanted) ? wanted : bySimple.get(simplify(wanted));
      if (found === undefined) missing.push(`${field}=${wanted}`);
      else {
        columns[field] = found;
        taken.add(found);
      }
    }
  }
  for (const field of MAP_FIELDS) {
    if (map[field] !== undefined) continue;
    for (const synonym of SYNONYMS[field]) {
      const found = bySimple.get(synonym);
      if (found !== undefined && !taken.has(found)) {
        columns[field] = found;
        taken.add(found);
        break;
      }
    }
  }
  return { columns, missing };
}

/** A record's value for a field, or undefined when the field has no column. */
export type FieldGetter = (field: MapField) => string | undefined;

/** Turns records into messages for one input, numbering the ones without an id. */
export function recordReader(kind: SourceKind, file: string, options: SourceOptions, columns: ColumnMap, channel: string) {
  const parseTime = timeParser(options);
  const isBrand = brandMatcher(options);
  const reject = (line: number, code: string, message: string, raw?: string): SourceItem => ({ diagnostic: { code, file, line, message, raw } });
  return (get: FieldGetter, line: number, raw: string, position: string): SourceItem => {
    const text = get('text');
    if (text === undefined || text.trim() === '') return reject(line, 'empty-text', `no text in column "${columns.text}"`, raw);
    const id = get('id')?.trim() || `${file}:${position}`;
    const conversation = get('conversation')?.trim() || null;
    const timeValue = get('time');
    const time = timeValue === undefined || timeValue.trim() === '' ? null : parseTime(timeValue);
    if (time === null && timeValue !== undefined && timeValue.trim() !== '') {
      return reject(line, 'bad-time', `${columns.time} "${timeValue.slice(0, 40)}" is not a time rapport reads (try --time-format)`, raw);
    }
    const roleValue = get('role');
    const given = roleValue === undefined ? null : parseRoleValue(roleValue, columns.role);
    const author = get('author')?.trim() || (given ? given.role : null) || conversation || id;
    const brandByName = isBrand(author);
    const role = brandByName ? 'brand' : given?.role ?? (brandByName === false ? 'customer' : null);
    const brand = get('brand')?.trim() || null;
    const message: RawMessage = {
      id,
      source: kind,
      file,
      line,
      author,
      role,
      time,
      text,
      parent: get('parent')?.trim() || null,
      conversation: conversation ?? (columns.parent ? null : id),
      brand: role === 'brand' ? brand ?? (brandByName || null) : null,
      channel: get('channel')?.trim() || channel,
    };
    if (given?.bot) message.bot = true;
    return { message };
  };
}
