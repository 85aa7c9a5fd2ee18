import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartPolicy } from '../../client/src/restartPolicy';

test('a dead server is restarted; the fifth crash within 3 minutes stops the loop', () => {
  const p = new RestartPolicy();
  assert.deepEqual([0, 1000, 2000, 3000].map((t) => p.crashed(t)), [true, true, true, true]);
  assert.equal(p.crashed(4000), false);
  // Crashes far apart are never a loop.
  const q = new RestartPolicy();
  assert.deepEqual([0, 200_000, 400_000, 600_000, 800_000, 1_000_000].map((t) => q.crashed(t)), [true, true, true, true, true, true]);
});
