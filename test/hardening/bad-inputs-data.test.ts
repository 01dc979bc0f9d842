// Issue 10 item 8, bad-input corpus (test/fixtures/bad): CSV files and data.sql queries through `plumb run`,
// in-process. The SQL cases include every file-reading trick of item 1; none may show the secret file's content.
import { describe, it } from 'vitest';
import { checkCliAnswer, fill, loadCases, materialize, runCli } from './bad-inputs/run-case.js';

describe.each(['csv', 'sql'])('bad %s', (category) => {
  it.each(loadCases([category]).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.run.kind !== 'cli') throw new Error(`unexpected runner ${c.run.kind}`);
    const { dir, secret, cleanup } = materialize(c);
    try {
      checkCliAnswer(c, await runCli(c.run.args.map((a) => fill(a, dir, secret))));
    } finally {
      cleanup();
    }
  });
});
