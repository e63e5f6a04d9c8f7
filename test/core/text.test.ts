import assert from 'node:assert/strict';
import * as common from '../../checks/common';
import { plural } from '../../src/text';

describe('text: plural', () => {
  it('counts a word, singular only for one', () => {
    assert.deepEqual([0, 1, 2].map((n) => plural(n, 'bucket')), ['0 buckets', '1 bucket', '2 buckets']);
  });
  it('is the one the checks use (checks/common re-exports it)', () => {
    assert.equal(common.plural, plural);
  });
});
