import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  evaluateDir,
  groupingAccuracy,
  normaliseTemplate,
  parseCsv,
  parsingAccuracy,
} from '../../../src/anomaly/miner/accuracy.js';

describe('groupingAccuracy', () => {
  it('counts the messages whose predicted group is exactly their true group', () => {
    // truth: A = {0,1,2}, B = {3,4}, C = {5}
    const truth = ['A', 'A', 'A', 'B', 'B', 'C'];
    // predicted: {0,1,2} right; {3} and {4} split B (both wrong); {5} right
    assert.equal(groupingAccuracy(['x', 'x', 'x', 'y', 'z', 'w'], truth), 4 / 6);
    // predicted: {0,1,2,5} merges A and C (all four wrong); {3,4} right
    assert.equal(groupingAccuracy(['x', 'x', 'x', 'y', 'y', 'x'], truth), 2 / 6);
    assert.equal(groupingAccuracy(['p', 'p', 'p', 'q', 'q', 'r'], truth), 1);
  });

  it('refuses label lists of different lengths', () => {
    assert.throws(() => groupingAccuracy(['a'], ['a', 'b']), /differ in length/);
  });
});

describe('parsingAccuracy', () => {
  it('counts the messages whose template is right once wildcard runs and spaces are normalised', () => {
    const truth = ['Received block <*> of size <*>', 'Connect to <*>:<*>', 'Done', 'user <*> <*> logged in'];
    const predicted = ['Received block <*> of size <*>', 'Connect to <*>', 'Done.', 'user <*>  logged in'];
    assert.equal(parsingAccuracy(predicted, truth), 3 / 4);
  });

  it('normalises `<*>` joined by separators to one wildcard', () => {
    assert.equal(normaliseTemplate('  a <*>.<*>:<*>  b <*> <*> '), 'a <*> b <*>');
    assert.equal(normaliseTemplate('x /<*> y'), 'x /<*> y');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields holding commas, quotes and newlines', () => {
    assert.deepEqual(parseCsv('a,b,c\r\n1,"x, ""y""\nz",3\n'), [
      ['a', 'b', 'c'],
      ['1', 'x, "y"\nz', '3'],
    ]);
  });
});

describe('evaluateDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-loghub-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scores a Loghub-style folder by its structured CSV', () => {
    const folder = join(dir, 'Tiny');
    mkdirSync(folder);
    const rows = [
      'LineId,Level,Content,EventId,EventTemplate',
      '1,INFO,Served block blk_1 to /10.0.0.1,E1,Served block blk_<*> to /<*>',
      '2,INFO,Served block blk_2 to /10.0.0.2,E1,Served block blk_<*> to /<*>',
      '3,WARN,"Slow sync, took 120ms",E2,"Slow sync, took <*>ms"',
      '4,WARN,"Slow sync, took 90ms",E2,"Slow sync, took <*>ms"',
    ];
    writeFileSync(join(folder, 'Tiny_2k.log_structured.csv'), rows.join('\n') + '\n');
    const r = evaluateDir(folder);
    assert.equal(r.name, 'Tiny');
    assert.equal(r.lines, 4);
    assert.equal(r.ga, 1);
    assert.equal(r.pa, 1);
    assert.deepEqual(r.predictedTemplates, [
      'Served block blk_<*> to /<*>',
      'Served block blk_<*> to /<*>',
      'Slow sync, took <*>ms',
      'Slow sync, took <*>ms',
    ]);
  });
});
