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
    assert.equal(countSpikeDescription(412, 38.2, 9.04, 300_000), 'Count spike: 412 events in 5 min, baseline 38 ± 9.0.');
    assert.equal(countDropDescription(0, 49.7, 7.05, 3_600_000), 'Count drop: 0 events in 1 hour, baseline 50 ± 7.0.');
    assert.equal(tokenValueDescription('status-2', '503', ['200', '404']), 'Unusual value: token status-2 was 503, usually one of 200, 404.');
    assert.equal(tokenRangeDescription('latency-3', '60000', 10, 199), 'Unusual value: token latency-3 was 60000, usually between 10 and 199.');
  });

  it('rounds expectations to what is readable, keeping small ones visible', () => {
    assert.equal(countSpikeDescription(20, 0.0213, 0.146, 60_000), 'Count spike: 20 events in 1 min, baseline 0.021 ± 0.15.');
    assert.equal(countSpikeDescription(9, 2.345, 1.53, 600_000), 'Count spike: 9 events in 10 min, baseline 2.3 ± 1.5.');
    assert.equal(tokenRangeDescription('x-1', '-50', -0.5, 1.25), 'Unusual value: token x-1 was -50, usually between -0.5 and 1.3.');
  });
});
