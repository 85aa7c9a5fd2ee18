import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quotationInsertion } from '../../client/src/insertion';

const W = 'They prove we have souls';

test('Insert Quotation: marks around the wording, or only the closing mark after an opening one', () => {
  assert.equal(quotationInsertion('She says ', '', W), '“They prove we have souls”');
  assert.equal(quotationInsertion('She says “', '', W), 'They prove we have souls”');
  assert.equal(quotationInsertion('She says ‘', ' today', W), 'They prove we have souls’');
  assert.equal(quotationInsertion('She says "', '', W), 'They prove we have souls"');
  // The closing mark is already there (auto-closed): only the wording.
  assert.equal(quotationInsertion('She says “', '”.', W), 'They prove we have souls');
  // A straight mark that closes an earlier one opens nothing.
  assert.equal(quotationInsertion('"a" and "b"', '', W), '“They prove we have souls”');
});
