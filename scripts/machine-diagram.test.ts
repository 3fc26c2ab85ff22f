// docs/architecture.md draws the state machine from its table; a change to the table must redraw it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TRANSITIONS, WIDGET_STATUSES } from '../src/state/machine';
import { ARCHITECTURE, committedBlock, diagramBlock } from './machine-diagram';

test('the drawing in docs/architecture.md is the transition table (redraw: npx tsx scripts/machine-diagram.ts)', () => {
  const committed = committedBlock(readFileSync(ARCHITECTURE, 'utf8'));
  assert.ok(committed, 'docs/architecture.md has no generated machine block');
  assert.equal(committed, diagramBlock());
});

test('the drawing shows every transition of the table, and the note covers the rest', () => {
  const diagram = diagramBlock();
  for (const status of WIDGET_STATUSES) {
    for (const [event, next] of Object.entries(TRANSITIONS[status])) {
      const drawn = diagram.includes(`  ${status} --> ${next}: ${event}\n`);
      // `reset` and `failed` are drawn once, as the note, because every status takes them.
      const covered = (event === 'reset' && next === 'idle') || (event === 'failed' && next === 'error');
      assert.ok(drawn || covered, `${status} --${event}--> ${next} is not drawn`);
    }
    assert.equal(TRANSITIONS[status].reset, 'idle', `${status} takes reset, as the note says`);
    assert.equal(TRANSITIONS[status].failed, 'error', `${status} takes failed, as the note says`);
  }
});
