import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { decodeMessages, encodeJsonEvent, encodeJsonException, encodeMessage } from '../../src/protocol/eventStream.js';

describe('event stream framing', () => {
  test('a message is lengths, prelude CRC, string headers, payload and message CRC, big-endian', () => {
    const m = encodeMessage({ a: 'b' }, Buffer.from('xy'));
    // headers: 1 (name length) + 1 (name) + 1 (type 7) + 2 (value length) + 1 (value) = 6
    assert.equal(m.readUInt32BE(0), 12 + 6 + 2 + 4);
    assert.equal(m.readUInt32BE(4), 6);
    assert.equal(m.readUInt32BE(8), crc32(m.subarray(0, 8)));
    assert.deepEqual([...m.subarray(12, 18)], [1, 0x61, 7, 0, 1, 0x62]);
    assert.equal(m.subarray(18, 20).toString(), 'xy');
    assert.equal(m.readUInt32BE(20), crc32(m.subarray(0, 20)));
  });

  test('events and exceptions carry the headers AWS JSON protocols use, and decode back', () => {
    const buf = Buffer.concat([encodeJsonEvent('sessionUpdate', { sessionResults: [] }), encodeJsonException('SessionTimeoutException', 'done')]);
    const { messages, rest } = decodeMessages(buf);
    assert.equal(rest.length, 0);
    assert.deepEqual(messages[0]!.headers, { ':event-type': 'sessionUpdate', ':content-type': 'application/json', ':message-type': 'event' });
    assert.deepEqual(JSON.parse(messages[0]!.payload.toString()), { sessionResults: [] });
    assert.deepEqual(messages[1]!.headers, { ':exception-type': 'SessionTimeoutException', ':content-type': 'application/json', ':message-type': 'exception' });
    assert.deepEqual(JSON.parse(messages[1]!.payload.toString()), { message: 'done' });
  });

  test('a corrupted message fails its checksum; an incomplete one is left over', () => {
    const m = encodeJsonEvent('x', {});
    const bad = Buffer.from(m);
    bad[bad.length - 6]! ^= 1;
    assert.throws(() => decodeMessages(bad), /checksum/);
    const { messages, rest } = decodeMessages(m.subarray(0, m.length - 1));
    assert.deepEqual([messages.length, rest.length], [0, m.length - 1]);
  });
});
