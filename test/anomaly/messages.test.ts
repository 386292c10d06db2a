import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  countDropDescription,
  countSpikeDescription,
  newPatternDescription,
  tokenRangeDescription,
  tokenValueDescription,
} from '../../src/anomaly/messages.js';

describe('anomaly descriptions', () => {
  it('describes each kind of anomaly', () => {
    assert.equal(newPatternDescription(1), 'New pattern: 1 event matched a pattern not seen before.');
    assert.equal(newPatternDescription(12), 'New pattern: 12 events matched a pattern not seen before.');
    assert.equal(countSpikeDescription(980, 98.26), 'Count spike: 980 events in the window, 98 expected.');
    assert.equal(countDropDescription(0, 49.7), 'Count drop: 0 events in the window, 50 expected.');
    assert.equal(tokenValueDescription('status-2', '503', ['200', '404']), 'Unusual value: token status-2 was 503, usually one of 200, 404.');
    assert.equal(tokenRangeDescription('latency-3', '60000', 10, 199), 'Unusual value: token latency-3 was 60000, usually between 10 and 199.');
  });

  it('rounds expectations to what is readable, keeping small ones visible', () => {
    assert.equal(countSpikeDescription(20, 0.0213), 'Count spike: 20 events in the window, 0.021 expected.');
    assert.equal(countSpikeDescription(9, 2.345), 'Count spike: 9 events in the window, 2.3 expected.');
    assert.equal(tokenRangeDescription('x-1', '-50', -0.5, 1.25), 'Unusual value: token x-1 was -50, usually between -0.5 and 1.3.');
  });
});
