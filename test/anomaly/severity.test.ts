import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deviationOfRatio, httpStatusSeverity, priorityOf, severityOf } from '../../src/anomaly/severity.js';

describe('severityOf', () => {
  it('reads the level keyword of an event, in any case', () => {
    assert.equal(severityOf('2024-01-01 ERROR db down'), 'ERROR');
    assert.equal(severityOf('[warn] disk 91% full'), 'WARN');
    assert.equal(severityOf('FATAL: out of memory'), 'FATAL');
    assert.equal(severityOf('kernel panic - not syncing'), 'FATAL');
    assert.equal(severityOf('INFO request served'), 'NONE');
  });

  it('takes the most severe keyword', () => {
    assert.equal(severityOf('WARN retrying after ERROR'), 'ERROR');
  });

  it('counts exception and error class names', () => {
    assert.equal(severityOf('caught java.lang.NullPointerException at Foo.bar'), 'ERROR');
    assert.equal(severityOf('TypeError: x is undefined'), 'ERROR');
  });

  it('matches whole words only', () => {
    assert.equal(severityOf('terror warningly errorless'), 'NONE');
  });
});

describe('priorityOf', () => {
  it('combines severity and deviation', () => {
    assert.equal(priorityOf('FATAL', 'LOW'), 'HIGH');
    assert.equal(priorityOf('ERROR', 'MEDIUM'), 'HIGH');
    assert.equal(priorityOf('ERROR', 'LOW'), 'MEDIUM');
    assert.equal(priorityOf('WARN', 'MEDIUM'), 'MEDIUM');
    assert.equal(priorityOf('NONE', 'HIGH'), 'MEDIUM');
    assert.equal(priorityOf('NONE', 'MEDIUM'), 'LOW');
  });

  it('grades deviation by the ratio to the baseline, HIGH from 5x (a 500% change)', () => {
    assert.equal(deviationOfRatio(10), 'HIGH');
    assert.equal(deviationOfRatio(5), 'HIGH');
    assert.equal(deviationOfRatio(2.5), 'MEDIUM');
    assert.equal(deviationOfRatio(1.5), 'LOW');
    assert.equal(deviationOfRatio(Infinity), 'HIGH');
  });

  it('treats HTTP 5xx as errors and 4xx as warnings', () => {
    assert.equal(httpStatusSeverity('503'), 'ERROR');
    assert.equal(httpStatusSeverity('404'), 'WARN');
    assert.equal(httpStatusSeverity('200'), 'NONE');
    assert.equal(httpStatusSeverity('5030'), 'NONE');
  });
});
