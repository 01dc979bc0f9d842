// `npm run bench`: runs every benchmark module in this folder (each exports one `bench*` function),
// or only those whose file name contains an argument: `npm run bench -- trees`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const filters = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

for (const file of files) {
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(module)) {
    if (name.startsWith('bench') && typeof fn === 'function') {
      console.log(`\n## ${file}: ${name}`);
      await (fn as () => Promise<void>)();
    }
  }
}
