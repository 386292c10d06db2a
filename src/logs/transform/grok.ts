/**
 * The grok processor's patterns, compiled for V8's linear-time regex engine (`src/insights/safeRegex.ts`): a grok
 * pattern comes from users and runs on every ingested event, so it must never backtrack. The library is Logstash's
 * core patterns, rewritten where they relied on backtracking-only constructs (atomic groups, lookbehind) or on
 * bounded repeats too wide for the linear engine (`{0,62}` becomes `*`: slightly more permissive host names and
 * IPv6 addresses).
 */
import { compileQueryRegex, UnsafeRegexError } from '../../insights/safeRegex.js';

const MONTH =
  '\\b(?:[Jj]an(?:uary|uar)?|[Ff]eb(?:ruary|ruar)?|[Mm](?:a|ä)?r(?:ch|z)?|[Aa]pr(?:il)?|[Mm]a(?:y|i)?|[Jj]un(?:e|i)?|[Jj]ul(?:y|i)?|[Aa]ug(?:ust)?|[Ss]ep(?:tember)?|[Oo](?:c|k)?t(?:ober)?|[Nn]ov(?:ember)?|[Dd]e(?:c|z)(?:ember)?)\\b';

/** Pattern name → regex text, which may use `%{NAME}` and `%{NAME:field}` itself. */
export const GROK_LIBRARY: Readonly<Record<string, string>> = {
  USERNAME: '[a-zA-Z0-9._-]+',
  USER: '%{USERNAME}',
  EMAILLOCALPART: "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*",
  EMAILADDRESS: '%{EMAILLOCALPART}@%{HOSTNAME}',
  INT: '(?:[+-]?(?:[0-9]+))',
  BASE10NUM: '(?:[+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+))',
  NUMBER: '(?:%{BASE10NUM})',
  BASE16NUM: '(?:0[xX])?[0-9a-fA-F]+',
  BASE16FLOAT: '\\b[+-]?(?:0[xX])?(?:[0-9A-Fa-f]+(?:\\.[0-9A-Fa-f]*)?|\\.[0-9A-Fa-f]+)\\b',
  POSINT: '\\b(?:[1-9][0-9]*)\\b',
  NONNEGINT: '\\b(?:[0-9]+)\\b',
  WORD: '\\b\\w+\\b',
  NOTSPACE: '\\S+',
  SPACE: '\\s*',
  DATA: '.*?',
  GREEDYDATA: '.*',
  GREEDYDATA_MULTILINE: '[\\s\\S]*',
  QUOTEDSTRING: '(?:"(?:[^"\\\\]|\\\\.)*"|\'(?:[^\'\\\\]|\\\\.)*\'|`(?:[^`\\\\]|\\\\.)*`)',
  QS: '%{QUOTEDSTRING}',
  UUID: '[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}',
  URN: 'urn:[0-9A-Za-z][0-9A-Za-z-]*:(?:%[0-9a-fA-F]{2}|[0-9A-Za-z()+,.:=@;$_!*\'/?#-])+',
  MAC: '(?:%{CISCOMAC}|%{WINDOWSMAC}|%{COMMONMAC})',
  CISCOMAC: '(?:(?:[A-Fa-f0-9]{4}\\.){2}[A-Fa-f0-9]{4})',
  WINDOWSMAC: '(?:(?:[A-Fa-f0-9]{2}-){5}[A-Fa-f0-9]{2})',
  COMMONMAC: '(?:(?:[A-Fa-f0-9]{2}:){5}[A-Fa-f0-9]{2})',
  // Two or more colons between hex groups of 1-4 digits, optionally ending in an IPv4 address: looser than
  // Logstash's alternation of every compressed form, which nests repeats beyond what the linear engine accepts.
  IPV6: '[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:(?:[0-9A-Fa-f]{1,4}|:)*(?:%{IPV4})?(?:%\\w+)?',
  IPV4: '(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)',
  IP: '(?:%{IPV4}|%{IPV6})',
  HOSTNAME: '\\b(?:[0-9A-Za-z][0-9A-Za-z-]*)(?:\\.(?:[0-9A-Za-z][0-9A-Za-z-]*))*\\.?',
  IPORHOST: '(?:%{IP}|%{HOSTNAME})',
  HOSTPORT: '%{IPORHOST}:%{POSINT}',
  PATH: '(?:%{UNIXPATH}|%{WINPATH})',
  UNIXPATH: '(?:/[\\w_%!$@:.,+~-]*)+',
  TTY: '(?:/dev/(?:pts|tty(?:[pq])?)(?:\\w+)?/?(?:[0-9]+))',
  WINPATH: '(?:[A-Za-z]+:|\\\\)(?:\\\\[^\\\\?*]*)+',
  URIPROTO: '[A-Za-z][A-Za-z0-9+\\-.]+',
  URIHOST: '%{IPORHOST}(?::%{POSINT})?',
  URIPATH: "(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_\\-]*)+",
  URIPARAM: "\\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\\-\\[\\]<>]*",
  URIPATHPARAM: '%{URIPATH}(?:%{URIPARAM})?',
  URI: '%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?',
  MONTH,
  MONTHNUM: '(?:0?[1-9]|1[0-2])',
  MONTHNUM2: '(?:0[1-9]|1[0-2])',
  MONTHDAY: '(?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])',
  DAY: '(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)',
  YEAR: '(?:\\d\\d){1,2}',
  HOUR: '(?:2[0123]|[01]?[0-9])',
  MINUTE: '(?:[0-5][0-9])',
  SECOND: '(?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)',
  TIME: '%{HOUR}:%{MINUTE}(?::%{SECOND})',
  DATE_US: '%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}',
  DATE_EU: '%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}',
  ISO8601_TIMEZONE: '(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))',
  ISO8601_SECOND: '%{SECOND}',
  TIMESTAMP_ISO8601: '%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?',
  DATE: '(?:%{DATE_US}|%{DATE_EU})',
  DATESTAMP: '%{DATE}[- ]%{TIME}',
  TZ: '(?:[APMCE][SD]T|UTC)',
  DATESTAMP_RFC822: '%{DAY} %{MONTH} %{MONTHDAY} %{YEAR} %{TIME} %{TZ}',
  DATESTAMP_RFC2822: '%{DAY}, %{MONTHDAY} %{MONTH} %{YEAR} %{TIME} %{ISO8601_TIMEZONE}',
  DATESTAMP_OTHER: '%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{TZ} %{YEAR}',
  DATESTAMP_EVENTLOG: '%{YEAR}%{MONTHNUM2}%{MONTHDAY}%{HOUR}%{MINUTE}%{SECOND}',
  HTTPDATE: '%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}',
  SYSLOGTIMESTAMP: '%{MONTH} +%{MONTHDAY} %{TIME}',
  PROG: '[\\x21-\\x5a\\x5c\\x5e-\\x7e]+',
  SYSLOGPROG: '%{PROG:program}(?:\\[%{POSINT:pid}\\])?',
  SYSLOGHOST: '%{IPORHOST}',
  SYSLOGFACILITY: '<%{NONNEGINT:facility}.%{NONNEGINT:priority}>',
  SYSLOGBASE: '%{SYSLOGTIMESTAMP:timestamp} (?:%{SYSLOGFACILITY} )?%{SYSLOGHOST:logsource} %{SYSLOGPROG}:',
  LOGLEVEL:
    '(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo(?:rmation)?|INFO(?:RMATION)?|[Ww]arn(?:ing)?|WARN(?:ING)?|[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?)',
  COMMONAPACHELOG:
    '%{IPORHOST:clientip} %{HTTPDUSER:ident} %{USER:auth} \\[%{HTTPDATE:timestamp}\\] "(?:%{WORD:verb} %{NOTSPACE:request}(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})" %{NUMBER:response} (?:%{NUMBER:bytes}|-)',
  COMBINEDAPACHELOG: '%{COMMONAPACHELOG} %{QS:referrer} %{QS:agent}',
  HTTPDUSER: '%{EMAILADDRESS}|%{USER}',
};

/** AWS's limit on `%{…}` references in one grok match. */
export const MAX_GROK_PATTERNS = 20;
/** These may appear at most five times in one match, in any combination (AWS's limit). */
const COSTLY = new Set(['URI', 'URIPARAM', 'URIPATHPARAM', 'SPACE', 'DATA', 'GREEDYDATA', 'GREEDYDATA_MULTILINE']);
const MAX_COSTLY = 5;

export class GrokError extends Error {}

/** A compiled grok match: the fields it extracts, in order, from the first match in a text. */
export interface CompiledGrok {
  /** The fields the match names, with what they captured (undefined: no match). */
  match(text: string): [string, string][] | undefined;
}

const REF = /%\{([A-Za-z0-9_]+)(?::([^:}]+))?(?::([^}]*))?\}/g;

/** Compiles a grok `match` into one linear-time regex; throws GrokError with what is wrong. */
export function compileGrok(match: string): CompiledGrok {
  let refs = 0;
  let costly = 0;
  for (const m of match.matchAll(REF)) {
    refs++;
    if (COSTLY.has(m[1]!)) costly++;
    if (m[3] !== undefined) throw new GrokError(`grok patterns do not support type conversions (${m[0]})`);
  }
  if (refs > MAX_GROK_PATTERNS) throw new GrokError(`a grok match can use at most ${MAX_GROK_PATTERNS} grok patterns`);
  if (costly > MAX_COSTLY) throw new GrokError(`a grok match can use URI, URIPARAM, URIPATHPARAM, SPACE, DATA, GREEDYDATA and GREEDYDATA_MULTILINE at most ${MAX_COSTLY} times in all`);
  const fields: string[] = [];
  const source = expand(makeGroupsNonCapturing(match), fields, 0);
  let re: RegExp;
  try {
    re = compileQueryRegex(source);
  } catch (err) {
    if (err instanceof UnsafeRegexError) throw new GrokError('the grok match cannot be run in linear time (backreferences, lookaround and very wide repeats are not supported)');
    throw new GrokError(`the grok match is not a valid pattern: ${(err as Error).message}`);
  }
  return {
    match(text) {
      const m = re.exec(text);
      if (!m) return undefined;
      const out: [string, string][] = [];
      fields.forEach((name, i) => {
        const v = m.groups?.[`g${i}`];
        if (v !== undefined) out.push([name, v]);
      });
      return out;
    },
  };
}

/** `%{NAME}` and `%{NAME:field}` replaced by their regex; a named one becomes the capture group `g<n>`. */
function expand(text: string, fields: string[], depth: number): string {
  if (depth > 10) throw new GrokError('grok patterns nest too deeply');
  return text.replace(REF, (_all, name: string, field: string | undefined) => {
    const body = GROK_LIBRARY[name];
    if (body === undefined) throw new GrokError(`unknown grok pattern %{${name}}`);
    const inner = expand(body, fields, depth + 1);
    if (field === undefined) return `(?:${inner})`;
    fields.push(field);
    return `(?<g${fields.length - 1}>${inner})`;
  });
}

/**
 * A user's own groups `( … )` become `(?: … )` and named groups are refused: fields come only from `%{NAME:field}`,
 * whose group names the compiler chooses.
 */
function makeGroupsNonCapturing(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === '%' && src[i + 1] === '{') {
      const close = src.indexOf('}', i);
      if (close > 0) {
        out += src.slice(i, close + 1);
        i = close;
        continue;
      }
    }
    if (c === '(' && src[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    if (c === '(' && src.startsWith('(?<', i) && src[i + 3] !== '=' && src[i + 3] !== '!') {
      throw new GrokError('named groups are not supported in a grok match; use %{PATTERN:field}');
    }
    out += c;
  }
  return out;
}
