import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { listGuides } from './guide-suite.js';

/** The test file of a guide: `waiting-and-tasks.md` → `guide-waiting-and-tasks.test.ts`. */
const testFileOf = (guide: string) => join(import.meta.dirname, `guide-${guide.replace(/\.md$/, '').toLowerCase()}.test.ts`);

it('every guide in docs/ has its own test file that runs it', () => {
  const guides = listGuides();
  expect(guides.length).toBeGreaterThan(5);
  const missing = guides.filter((g) => !existsSync(testFileOf(g)) || !readFileSync(testFileOf(g), 'utf8').includes(`describeGuide('${g}')`));
  expect(missing, 'add test/docs/guide-<name>.test.ts calling describeGuide for these').toEqual([]);
});
