import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeEvents, encodeBatch, encodeColumns } from '../../src/logs/chunks.js';
import { decodePutLogEvents, decodePutLogEventsBody, EventBatch } from '../../src/logs/eventBatch.js';
import { AwsError, decodeJsonInput, services } from '../../src/protocol/index.js';
import type { InputLogEvent, PutLogEventsRequest } from '../../src/protocol/generated/logs.js';

type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string; status: number };

/** The members that have a value (the generated decoder also sets absent optional members to undefined). */
function defined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** What the generic AWS JSON decoder answers for a PutLogEvents body. */
function generic(body: Buffer): Outcome {
  try {
    return { ok: true, value: defined(decodeJsonInput(services.logs, 'PutLogEvents', body) as object) };
  } catch (e) {
    assert.ok(e instanceof AwsError, `not an AwsError: ${String(e)}`);
    return { ok: false, code: e.code, message: e.message, status: e.status };
  }
}

/** What the server's PutLogEvents decoder answers, with the events turned back into objects. */
function columns(body: Buffer): Outcome {
  try {
    const input = decodePutLogEvents(body);
    return { ok: true, value: defined({ ...input, logEvents: input.logEvents.toEvents() }) };
  } catch (e) {
    assert.ok(e instanceof AwsError, `not an AwsError: ${String(e)}`);
    return { ok: false, code: e.code, message: e.message, status: e.status };
  }
}

/** The two decoders answer alike; returns whether the one-pass reader took the body itself. */
function sameAnswer(body: Buffer | string): boolean {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  assert.deepEqual(columns(b), generic(b), `body: ${b.toString('utf8').slice(0, 300)}`);
  const fast = decodePutLogEventsBody(b);
  if (fast) {
    // What it took, it read as the generic decoder does, down to the chunk's bytes.
    const g = decodeJsonInput(services.logs, 'PutLogEvents', b) as PutLogEventsRequest;
    const lengths = Uint32Array.from(g.logEvents.map((e) => Buffer.byteLength(e.message, 'utf8')));
    const n = g.logEvents.length;
    assert.deepEqual(encodeColumns(fast.logEvents, 0, n, 7), encodeBatch(g.logEvents, lengths, 0, n, 7));
  }
  return fast !== undefined;
}

const body = (o: unknown) => JSON.stringify(o);
const ev = (timestamp: unknown, message: unknown) => ({ timestamp, message });
const names = { logGroupName: 'g', logStreamName: 's' };

describe('PutLogEvents bodies read as columns', () => {
  test('a batch as the SDKs send it is read in one pass, with the events, names and token of the generic decoder', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ev(1_700_000_000_000 + i, `line ${i} ${'x'.repeat(180)}`));
    assert.equal(sameAnswer(body({ ...names, logEvents: events })), true);
    assert.equal(sameAnswer(body({ logEvents: events, sequenceToken: 'tok', logStreamName: 's', logGroupName: 'g' })), true);
    const input = decodePutLogEvents(Buffer.from(body({ ...names, sequenceToken: 'tok', logEvents: events })));
    assert.equal(input.logGroupName, 'g');
    assert.equal(input.logStreamName, 's');
    assert.equal(input.sequenceToken, 'tok');
    assert.equal(input.logEvents.length, 1000);
    assert.equal(input.logEvents.message(999), events[999]!.message);
    assert.equal(input.logEvents.timestamps[999], 1_700_000_000_999);
  });

  test('messages with escapes, non-ASCII text, emoji and whitespace between tokens read as JSON.parse reads them', () => {
    const messages = ['say "hi"\\ \n\t\r\b\f', 'café ünïcödé', '日本語のログ', '😀 emoji 𝄞', '\u0000 nul', 'tab\there', 'a/b', '\u007f del', 'pair \ud83d\ude00 escaped'];
    for (const m of messages) {
      assert.equal(sameAnswer(body({ ...names, logEvents: [ev(1, m), ev(2, 'plain')] })), true, m);
      assert.equal(sameAnswer(JSON.stringify({ ...names, logEvents: [ev(1, m)] }, null, 2)), true, `${m} (pretty)`);
    }
    assert.equal(sameAnswer('{"logGroupName":"g","logStreamName":"s","logEvents":[{"message":"\\u0061\\u00e9\\ud83d\\ude00","timestamp":5}]}'), true);
    // Message and timestamp in either order, with whitespace around every token.
    assert.equal(sameAnswer(' \r\n\t{ "logEvents" : [ { "message" : "m" , "timestamp" : 0 } ] , "logStreamName" : "s" , "logGroupName" : "g" } \n'), true);
  });

  test('every body the one-pass reader does not take gets exactly the generic answer (errors and their order included)', () => {
    const declined = [
      '', // blank: `{}`, then the missing members
      '   ',
      'null',
      '[]',
      '"x"',
      '42',
      '{',
      '{"logGroupName":"g"',
      '\ufeff' + body({ ...names, logEvents: [ev(1, 'm')] }), // a byte-order mark
      body({ ...names, logEvents: [ev(1, 'm')] }) + 'x', // trailing bytes
      body({ ...names, logEvents: [ev(1, 'm')] }) + '{}',
      '{"logGroupName":"g","logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"}]}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"timestamp":2,"message":"m"}]}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m","message":"n"}]}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"}],"other":{"a":1,"a":2}}',
      '{"logGroupName":"g","log\\u0047roupName":"h","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"}]}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"time\\u0073tamp":1,"message":"m"}]}', // an escape in a member's name
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m\x01"}]}', // a raw control character
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"bad \\x escape"}]}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"},]}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"}],}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":01,"message":"m"}]}',
      '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"} {"timestamp":2,"message":"n"}]}',
      body({ ...names, logEvents: [] }),
      body({ ...names, logEvents: null }),
      body({ ...names, logEvents: {} }),
      body({ ...names, logEvents: 'x' }),
      body({ ...names, logEvents: [null] }),
      body({ ...names, logEvents: [[]] }),
      body({ ...names, logEvents: ['m'] }),
      body({ ...names, logEvents: [ev(1, '')] }),
      body({ ...names, logEvents: [ev(1, 'lone \ud800 surrogate')] }), // stored as U+FFFD, but a transformer sees it
      body({ ...names, logEvents: [ev(1, 'lone \udc00\ud800 surrogates')] }),
      body({ ...names, logEvents: [ev(-1, 'm')] }),
      body({ ...names, logEvents: [ev(1.9, 'm')] }),
      body({ ...names, logEvents: [ev(1e21, 'm')] }),
      body({ ...names, logEvents: [ev(12345678901234567, 'm')] }),
      body({ ...names, logEvents: [ev('1', 'm')] }),
      body({ ...names, logEvents: [ev(null, 'm')] }),
      body({ ...names, logEvents: [ev(true, 'm')] }),
      body({ ...names, logEvents: [ev(1, null)] }),
      body({ ...names, logEvents: [ev(1, 5)] }),
      body({ ...names, logEvents: [ev(1, ['m'])] }),
      body({ ...names, logEvents: [{ timestamp: 1 }] }),
      body({ ...names, logEvents: [{ message: 'm' }] }),
      body({ ...names, logEvents: [{ timestamp: 1, message: 'm', extra: 1 }] }),
      body({ ...names, logEvents: Array.from({ length: 10_001 }, (_, i) => ev(i, 'm')) }),
      body({ logStreamName: 's', logEvents: [ev(1, 'm')] }),
      body({ logGroupName: 'g', logEvents: [ev(1, 'm')] }),
      body({ logGroupName: 'bad name!', logStreamName: 's', logEvents: [ev(1, 'm')] }),
      body({ logGroupName: 'g'.repeat(513), logStreamName: 's', logEvents: [ev(1, 'm')] }),
      body({ logGroupName: 'g', logStreamName: 'a:b', logEvents: [ev(1, 'm')] }),
      body({ logGroupName: 5, logStreamName: 's', logEvents: [ev(1, 'm')] }),
      body({ ...names, sequenceToken: '', logEvents: [ev(1, 'm')] }),
      body({ ...names, sequenceToken: null, logEvents: [ev(1, 'm')] }),
      body({ ...names, sequenceToken: 7, logEvents: [ev(1, 'm')] }),
      body({ ...names, entity: { keyAttributes: { a: 'b' } }, logEvents: [ev(1, 'm')] }),
      body({ ...names, unknownMember: [1, 2], logEvents: [ev(1, 'm')] }),
      body({ logGroupName: null, logStreamName: null, logEvents: [ev(-1, ''), ev(null, null)] }), // several violations at once
    ];
    for (const b of declined) assert.equal(sameAnswer(b), false, b.slice(0, 200));
    // Invalid UTF-8 in a message: the generic decoder stores U+FFFD for it, so the reader leaves it to it.
    const bad = Buffer.concat([Buffer.from('{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"a'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]);
    assert.equal(sameAnswer(bad), false);
    assert.equal((decodePutLogEvents(bad).logEvents.message(0)), 'a\ufffd(\ufffd');
  });

  test('random batches are read in one pass exactly as the generic decoder reads them', () => {
    const message = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }));
    fc.assert(
      fc.property(fc.array(fc.record({ timestamp: fc.maxSafeNat().map((n) => n % 1e15), message }), { minLength: 1, maxLength: 30 }), fc.boolean(), (events, pretty) => {
        const text = JSON.stringify({ ...names, logEvents: events }, null, pretty ? 1 : undefined);
        assert.equal(sameAnswer(text), true);
      }),
      { numRuns: 500 },
    );
  });

  test('randomly damaged bodies get the generic decoder’s answer, whichever decoder gives it', () => {
    const valid = Buffer.from(body({ ...names, sequenceToken: 't', logEvents: [ev(1, 'a "quoted" line'), ev(22, 'ünï'), ev(333, 'plain text')] }));
    const edit = fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let b = valid;
        for (const [at, kind, byte] of edits) {
          const i = at % (b.length + 1);
          if (kind === 'replace' && i < b.length) b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i + 1)]);
          else if (kind === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
          else if (kind === 'delete' && i < b.length) b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
        }
        sameAnswer(b);
      }),
      { numRuns: 3000 },
    );
  });

  test('a batch of objects and its columns encode the same chunk', () => {
    const events: InputLogEvent[] = [ev(5, 'héllo'), ev(6, '😀'), ev(7, 'x')] as InputLogEvent[];
    const batch = EventBatch.fromEvents(events);
    const lengths = Uint32Array.from(events.map((e) => Buffer.byteLength(e.message)));
    assert.deepEqual(encodeColumns(batch, 1, 3, 9), encodeBatch(events, lengths, 1, 3, 9));
    const cols = decodeEvents(encodeColumns(batch, 0, 3, 9));
    assert.deepEqual([0, 1, 2].map((i) => cols.message(i)), ['héllo', '😀', 'x']);
    assert.deepEqual(Array.from(cols.charLengths), [5, 2, 1]);
  });
});
