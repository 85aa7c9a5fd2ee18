// The public-domain books the tests ship (test/fixtures/corpora), loaded as a user would configure them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../server/src/engine/loaders';
import type { Corpus } from '../../server/src/engine/types';

export function fixtureBook(file: string, title: string, author: string, year: number): Corpus {
  const path = join('test', 'fixtures', 'corpora', file);
  return loadCorpus(readFileSync(path, 'utf8'), { id: path, origin: path, title, author, year });
}
