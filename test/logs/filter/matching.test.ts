import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, parseFilterPattern } from '../../../src/logs/filter/index.js';

// Events from the examples of the CloudWatch Logs guide, "Filter pattern syntax for metric filters, subscription
// filters, filter log events, and Live Tail".
const BAD_REQUEST = '[ERROR 400] BAD REQUEST';
const UNAUTHORIZED = '[ERROR 401] UNAUTHORIZED REQUEST';
const MISSING_ARGS = '[ERROR 419] MISSING ARGUMENTS';
const INVALID_ARGS = '[ERROR 420] INVALID ARGUMENTS';
const INTERNAL = '[ERROR 500] INTERNAL SERVER ERROR';
const AUTHORIZED = '[SUCCESS 200] AUTHORIZED REQUEST';
const FATAL = '[ERROR] A fatal exception has occurred';
const EXITING = 'Exiting with ERRORCODE: -1';

const APACHE_200 = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534';
const APACHE_500 = '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324';
const APACHE_404 = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
const APACHE_403 = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 403 1534';

const TRAIL = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
});
const USERS = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
    [7, 8, 9],
  ],
});
const METRICS = JSON.stringify({
  latency: 500,
  numbers: [0.005, 20000],
  processes: [{}, {}, {}, {}, { averageRuntime: 55.5 }],
  errorCode: 400,
  big: 1500,
});

type Row = readonly [name: string, pattern: string, message: string, matches: boolean];

const unstructured: Row[] = [
  ['a single term matches a message containing it', 'ERROR', BAD_REQUEST, true],
  ['a term matches inside a longer word (ERRORCODE)', 'ERROR', EXITING, true],
  ['a term inside brackets still matches', 'ERROR', FATAL, true],
  ['a term absent from the message does not match', 'ERROR', AUTHORIZED, false],
  ['terms are case-sensitive', 'error', BAD_REQUEST, false],
  ['all of several terms must be present', 'ERROR ARGUMENTS', MISSING_ARGS, true],
  ['several terms miss when one is absent', 'ERROR ARGUMENTS', BAD_REQUEST, false],
  ['terms need not be adjacent or in order', 'ARGUMENTS ERROR', INVALID_ARGS, true],
  ['?terms match when any one is present (first)', '?ERROR ?WARN', 'ERROR message', true],
  ['?terms match when any one is present (second)', '?ERROR ?WARN', 'WARN message', true],
  ['?terms miss when none is present', '?ERROR ?WARN', 'INFO message', false],
  ['a quoted phrase matches the exact phrase', '"INTERNAL SERVER ERROR"', INTERNAL, true],
  ['a quoted phrase does not match its words apart', '"INTERNAL SERVER ERROR"', 'INTERNAL ERROR SERVER', false],
  ['-term excludes events containing it', 'ERROR -Exiting', EXITING, false],
  ['-term keeps events without it', 'ERROR -Exiting', FATAL, true],
  ['-"phrase" with a space after the minus, as the guide writes it', '"ERROR" - "Exiting"', EXITING, false],
  ['ERROR -WARN keeps only events without WARN', 'ERROR -WARN', 'ERROR message', true],
  ['ERROR -WARN drops events with WARN', 'ERROR -WARN', 'ERROR WARN message', false],
  ['ERROR WARN needs both words', 'ERROR WARN', 'WARN message', false],
  ['-term alone matches every event without it', '-ARGUMENTS', UNAUTHORIZED, true],
  ['-term alone drops events with it', '-ARGUMENTS', INVALID_ARGS, false],
  ['a minus inside a word starts an exclusion (request-id is request -id)', 'request-id', 'request-id 42', false],
  ['a minus inside a word keeps events without the excluded part', 'request-id', 'request 42', true],
  ['a quoted term may hold characters a bare one cannot', '"request-id-123"', 'got request-id-123 ok', true],
  ['a quoted term with a colon', '"ERRORCODE:"', EXITING, true],
  ['?terms next to a required term are ignored', 'ERROR ?WARN', 'ERROR message', true],
  ['the empty pattern matches every event', '', 'anything at all', true],
  ['a blank pattern matches every event', '   ', 'anything at all', true],
  ['a quoted blank matches every event', '" "', 'nospaceshere', true],
  ['a quoted term keeps escaped quotes', '"say \\"hi\\""', 'they say "hi" here', true],
  ['a number is a term', '404', APACHE_404, true],
  ['an underscore belongs to a bare term', 'status_code', 'status_code=1', true],
];

const regex: Row[] = [
  ['%regex% finds a word inside another (UNAUTHORIZED)', '%AUTHORIZED%', UNAUTHORIZED, true],
  ['%regex% finds the word itself', '%AUTHORIZED%', AUTHORIZED, true],
  ['%regex% misses text it does not contain', '%AUTHORIZED%', BAD_REQUEST, false],
  ['%regex% with \\d and {m,n} finds an IP address', '%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', APACHE_200, true],
  ['%regex% with \\d and {m,n} misses text without one', '%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', FATAL, false],
  ['%regex% alternation with classes matches either side', '%[Ee]rror|[Ff]ail%', 'disk fail', true],
  ['%regex% alternation misses when neither side is there', '%[Ee]rror|[Ff]ail%', 'all good', false],
  ['%regex% ? makes a character optional', '%colou?r%', 'the color red', true],
  ['%regex% ^ anchors at the start', '%^\\[ERROR%', BAD_REQUEST, true],
  ['%regex% ^ does not match later in the message', '%^ERROR%', BAD_REQUEST, false],
  ['%regex% $ anchors at the end', '%REQUEST$%', BAD_REQUEST, true],
  ['%regex% $ does not match before the end', '%BAD$%', BAD_REQUEST, false],
  ['%regex% escaped dots match only dots', '%10\\.10\\.0\\.1%', 'from 10.10.0.1', true],
  ['%regex% escaped dots do not match other characters', '%10\\.10\\.0\\.1%', 'from 10a10b0c1', false],
  ['%regex% \\x28 stands for a parenthesis', '%f\\x28x\\x29%', 'call f(x) now', true],
  ['-%regex% excludes what it matches', 'ERROR -%4[0-9]{2}%', BAD_REQUEST, false],
  ['-%regex% keeps what it does not match', 'ERROR -%4[0-9]{2}%', INTERNAL, true],
];

const json: Row[] = [
  ['JSON: string equality on a property', '{ $.eventType = "UpdateTrail" }', TRAIL, true],
  ['JSON: string equality misses another value', '{ $.eventType = "CreateTrail" }', TRAIL, false],
  ['JSON: != on an unquoted prefix wildcard (IP outside a subnet)', '{ $.sourceIPAddress != 123.123.* }', TRAIL, true],
  ['JSON: = on an unquoted prefix wildcard', '{ $.sourceIPAddress = 111.111.* }', TRAIL, true],
  ['JSON: array element by index', '{ $.arrayKey[0] = "value" }', TRAIL, true],
  ['JSON: array element by index misses another element', '{ $.arrayKey[1] = "value" }', TRAIL, false],
  ['JSON: property of an array element', '{ $.objectList[1].id = 2 }', TRAIL, true],
  ['JSON: index past the end of the array does not match', '{ $.objectList[5].id = 2 }', TRAIL, false],
  ['JSON: IS NULL on a null property', '{ $.SomeObject IS NULL }', TRAIL, true],
  ['JSON: IS NULL on a missing property does not match', '{ $.Nothing IS NULL }', TRAIL, false],
  ['JSON: NOT EXISTS on a missing property', '{ $.SomeOtherObject NOT EXISTS }', TRAIL, true],
  ['JSON: NOT EXISTS on a present (even null) property does not match', '{ $.SomeObject NOT EXISTS }', TRAIL, false],
  ['JSON: IS TRUE on a true flag', '{ $.ThisFlag IS TRUE }', TRAIL, true],
  ['JSON: IS FALSE on a true flag does not match', '{ $.ThisFlag IS FALSE }', TRAIL, false],
  ['JSON: && of two parenthesised conditions', '{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', USERS, true],
  ['JSON: || of a failing && group and a failing condition', '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', USERS, false],
  ['JSON: && binds tighter than ||', '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', USERS, true],
  ['JSON: parentheses override precedence', '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', USERS, false],
  ['JSON: nested array indexes', '{ $.coordinates[1][2] = 6 }', USERS, true],
  ['JSON: a selector on an array matches neither =', '{ $.users = 1 }', '{"users": [1, 2, 3]}', false],
  ['JSON: a selector on an array matches neither !=', '{ $.users != 1 }', '{"users": [1, 2, 3]}', false],
  ['JSON: != on a missing property does not match', '{ $.missing != "x" }', TRAIL, false],
  ['JSON: numeric >=', '{ $.latency >= 500 }', METRICS, true],
  ['JSON: numeric > misses equal values', '{ $.latency > 500 }', METRICS, false],
  ['JSON: numeric < with an exponent', '{ $.numbers[0] < 10e3 }', METRICS, true],
  ['JSON: numeric < with a negative exponent', '{ $.numbers[0] < 10e-3 }', METRICS, true],
  ['JSON: numeric < with a negative exponent misses larger values', '{ $.numbers[1] < 10e-3 }', METRICS, false],
  ['JSON: numeric <= with a decimal', '{ $.processes[4].averageRuntime <= 55.5 }', METRICS, true],
  ['JSON: numeric = on an integer', '{ $.errorCode = 400 }', METRICS, true],
  ['JSON: numeric != on an integer', '{ $.errorCode != 500 }', METRICS, true],
  ['JSON: numeric > with an explicit plus sign', '{ $.big > +1000 }', METRICS, true],
  ['JSON: numeric = compares values, not spelling', '{ $.errorCode = 4.0e2 }', METRICS, true],
  ['JSON: numeric comparison on a string property holding a number', '{ $.code > 199 }', '{"code": "200"}', true],
  ['JSON: numeric comparison on a non-numeric string does not match', '{ $.code > 199 }', '{"code": "OK"}', false],
  ['JSON: unquoted string value', '{$.foo = bar}', '{"foo": "bar"}', true],
  ['JSON: unquoted string value misses another', '{$.foo = baz }', '{"foo": "bar"}', false],
  ['JSON: || between two values', '{$.foo = bar || $.foo = baz }', '{"foo": "baz"}', true],
  ['JSON: a leading * matches a suffix (*Event matches PutEvent)', '{ $.e = "*Event" }', '{"e": "PutEvent"}', true],
  ['JSON: a trailing * matches a prefix (Event* matches EventId)', '{ $.e = "Event*" }', '{"e": "EventId"}', true],
  ['JSON: a * in the middle is literal (Ev*ent misses Event)', '{ $.e = "Ev*ent" }', '{"e": "Event"}', false],
  ['JSON: a * in the middle matches the literal Ev*ent', '{ $.e = "Ev*ent" }', '{"e": "Ev*ent"}', true],
  ['JSON: = * matches any value of the property', '{ $.latency = * }', METRICS, true],
  ['JSON: = * does not match a missing property', '{ $.nothing = * }', METRICS, false],
  ['JSON: %regex% value', '{ $.eventType = %Update[A-Z]% }', TRAIL, true],
  ['JSON: != %regex% value', '{ $.eventType != %^Create% }', TRAIL, true],
  ['JSON: [*] matches when any element matches', '{ $.actions[*] = "PUT" }', USERS, true],
  ['JSON: [*] misses when no element matches', '{ $.actions[*] = "PATCH" }', USERS, false],
  ['JSON: [*] then a property', '{ $.users[*].id = 3 }', USERS, true],
  ['JSON: .* matches any property of an object', '{ $.* = "UpdateTrail" }', TRAIL, true],
  ['JSON: quoted string compares exactly, with spaces', '{ $.arrayKey[1] = "another value" }', TRAIL, true],
  ['JSON: true compares as text', '{ $.ThisFlag = true }', TRAIL, true],
  ['JSON: property names may contain - and _', '{ $.detail-type = "Scheduled Event" }', '{"detail-type": "Scheduled Event"}', true],
  ['JSON: a non-JSON event never matches', '{ $.eventType = "UpdateTrail" }', 'eventType = UpdateTrail', false],
  ['JSON: a truncated JSON event never matches', '{ $.eventType = "UpdateTrail" }', '{"eventType": "UpdateTrail"', false],
  ['JSON: NOT EXISTS on a non-JSON event does not match', '{ $.a NOT EXISTS }', 'plain text', false],
  ['JSON: leading whitespace before the JSON is allowed', '{ $.a = 1 }', '  {"a": 1}', true],
  ['JSON: a value written with a \\u escape still matches', '{ $.a = "AB" }', '{"a": "A\\u0042"}', true],
  ['JSON: a property spelled with a \\u escape still matches', '{ $.ab = 1 }', '{"a\\u0062": 1}', true],
];

const delimited: Row[] = [
  ['delimited: one name per field matches an Apache line', '[ip, user, username, timestamp, request, status_code, bytes]', APACHE_200, true],
  ['delimited: a pattern with fewer fields than the event does not match', '[ip, user, username, timestamp, request, status_code]', APACHE_200, false],
  ['delimited: a pattern with more fields than the event does not match', '[ip, user, username, timestamp, request, status_code, bytes, extra]', APACHE_200, false],
  ['delimited: a bracketed timestamp is one field', '[a, b, c, ts = "10/Oct/2000:13:25:15 -0700", d, e, f]', APACHE_200, true],
  ['delimited: a quoted request is one field', '[a, b, c, d, request = "GET /apache_pb.gif HTTP/1.0", e, f]', APACHE_200, true],
  ['delimited: numeric > on the last field', '[ip, user, username, timestamp, request, status_code, bytes > 1000]', APACHE_200, true],
  ['delimited: numeric > misses smaller values', '[ip, user, username, timestamp, request, status_code, bytes > 2000]', APACHE_200, false],
  ['delimited: numeric = on a field', '[ip, user, username, timestamp, request, status_code = 200, bytes]', APACHE_200, true],
  ['delimited: numeric = misses another number', '[ip, user, username, timestamp, request, status_code = 200, bytes]', APACHE_500, false],
  ['delimited: 4* matches a 4xx status', '[ip, user, username, timestamp, request, status_code = 4*, bytes]', APACHE_404, true],
  ['delimited: 4* misses a 5xx status', '[ip, user, username, timestamp, request, status_code = 4*, bytes]', APACHE_500, false],
  ['delimited: *html* matches inside the request', '[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', APACHE_404, true],
  ['delimited: *html* misses a request without it', '[ip, user, username, timestamp, request = *html*, status_code, bytes]', APACHE_200, false],
  ['delimited: && on one field', '[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]', APACHE_404, true],
  ['delimited: && on one field rejects the excluded value', '[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]', APACHE_403, false],
  ['delimited: ... then the last two fields', '[..., status_code = 500, bytes]', APACHE_500, true],
  ['delimited: first two fields then ...', '[ip = 127.0.0.1, user, ...]', APACHE_200, true],
  ['delimited: fields on both sides of ...', '[ip, user, ..., status_code = 404, bytes = 1534]', APACHE_404, true],
  ['delimited: ... with a trailing empty field (the guide example)', '[..., request=*.html*, status_code=4*,]', APACHE_404, true],
  ['delimited: ... still needs the named fields to exist', '[a, b, ..., c, d]', 'x y z', false],
  ['delimited: [w1=ERROR, w2] matches ERROR with one more word', '[w1=ERROR, w2]', 'ERROR message', true],
  ['delimited: [w1=ERROR, w2] misses three words', '[w1=ERROR, w2]', 'ERROR WARN message', false],
  ['delimited: [w1=ERROR, w2] compares the whole field, not a substring', '[w1=ERROR, w2]', 'ERRORS message', false],
  ['delimited: || on one field (WARN)', '[w1=ERROR || w1=WARN, w2]', 'WARN message', true],
  ['delimited: || on one field misses other values', '[w1=ERROR || w1=WARN, w2]', 'INFO message', false],
  ['delimited: != && != keeps other values', '[w1!=ERROR && w1!=WARN, w2]', 'INFO message', true],
  ['delimited: != && != drops listed values', '[w1!=ERROR && w1!=WARN, w2]', 'ERROR message', false],
  ['delimited: numeric comparison on a non-numeric field does not match', '[a, b > 1]', 'x y', false],
  ['delimited: %regex% on a field', '[..., status_code = %^4[0-9]{2}$%, bytes]', APACHE_404, true],
  ['delimited: %regex% on a field misses', '[..., status_code = %^4[0-9]{2}$%, bytes]', APACHE_500, false],
  ['delimited: quoted value with spaces', '[level, msg = "disk full"]', 'ERROR "disk full"', true],
  ['delimited: tabs and repeated spaces separate fields', '[a, b, c]', 'x\t y   z', true],
  ['delimited: [...] matches any event', '[...]', APACHE_200, true],
  ['delimited: an event with hundreds of fields matches around an ellipsis', '[first = f0, ..., last = f299]', Array.from({ length: 300 }, (_, i) => `f${i}`).join(' '), true],
  ['delimited: an event with hundreds of fields checks the true last field', '[first = f0, ..., last = f298]', Array.from({ length: 300 }, (_, i) => `f${i}`).join(' '), false],
];

describe('filter patterns match events as the CloudWatch Logs guide describes', () => {
  for (const [group, rows] of [
    ['unstructured terms', unstructured],
    ['regular expressions', regex],
    ['JSON', json],
    ['space-delimited', delimited],
  ] as const) {
    describe(group, () => {
      for (const [name, pattern, message, expected] of rows) {
        it(name, () => {
          const match = compileFilter(parseFilterPattern(pattern));
          assert.equal(match(message), expected, `${pattern}  vs  ${message}`);
        });
      }
    });
  }

  it('the table holds at least 80 cases', () => {
    assert.ok(unstructured.length + regex.length + json.length + delimited.length >= 80);
  });
});
