// Keeps the CLI bundle (bin/build-cli.mjs) fresh: dist/cli/stamp.json names the bundle folder, the hash of the
// sources it was built from, and the size and mtime of every source file esbuild read for it. The check `plumb`
// pays on every start is one stat per such file: no directory walk, no hashing. A file the bundle does not include
// cannot make it stale, and a new file only matters once an included file imports it (and that file changed).
// Only when a size or mtime moved are all sources read and hashed; unchanged contents (a checkout, a touch) only
// refresh the stamp, changed contents rebuild. Builds go to a temporary folder renamed into place, and the stamp is
// replaced by rename, so parallel first runs never see half a bundle; one lock file keeps them from building twice
// (a run that finds the lock taken runs from the sources instead).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCE_DIRS = ['electron', 'shared'];
/** Also watched: what the bundle's dependencies and build settings come from. */
const EXTRA_FILES = ['package.json', 'tsconfig.json', 'node_modules/.package-lock.json', 'bin/build-cli.mjs'];
const STAMP = 'stamp.json';
const LOCK = '.build.lock';
/** A lock older than this is from a build that died. */
const STALE_LOCK_MS = 120_000;
/** Older bundle folders are removed an hour after they stopped being current (a long run may still load chunks from one). */
const KEEP_OLD_MS = 3600_000;
/** The recorded state of a file that is missing, or that appeared after the sources were scanned for a build. */
const MISSING = [-1, 0];
const UNKNOWN = [-2, 0];

/** `[size, mtimeMs]` of a file, MISSING when there is none. */
function statOf(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? [s.size, s.mtimeMs] : MISSING;
}

/** Every source file and extra file (paths relative to root, `/`-separated) with its `[size, mtimeMs]`, in a stable order. */
function scan(root) {
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  for (const file of EXTRA_FILES) files.push(join(root, file));
  return new Map(files.map((path) => [relative(root, path).split(sep).join('/'), statOf(path)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when every recorded file still has its recorded size and mtime. */
function unchanged(root, files) {
  for (const [path, [size, mtimeMs]] of Object.entries(files)) {
    const [nowSize, nowMtimeMs] = statOf(join(root, path));
    if (nowSize !== size || nowMtimeMs !== mtimeMs) return false;
  }
  return true;
}

/** The bundle's inputs and the extra files with their state as scanned before the build. */
function recordedFiles(scanned, inputs) {
  return Object.fromEntries([...inputs, ...EXTRA_FILES].map((path) => [path, scanned.get(path) ?? UNKNOWN]));
}

async function contentHashOf(root, scanned) {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const [path, [size]] of scanned) {
    hash.update(`${path}\0`);
    if (size >= 0) {
      try {
        hash.update(readFileSync(join(root, path)));
      } catch {
        hash.update('\0missing');
      }
    }
    hash.update('\0\n');
  }
  hash.update(process.version.split('.')[0]);
  return hash.digest('hex');
}

function readStamp(distDir) {
  try {
    return JSON.parse(readFileSync(join(distDir, STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeStamp(distDir, stamp) {
  const tmp = join(distDir, `.${STAMP}.${process.pid}.${Date.now()}`);
  writeFileSync(tmp, `${JSON.stringify(stamp)}\n`);
  renameSync(tmp, join(distDir, STAMP));
}

/** `plumb nodes` and `plumb nodes --json` as printed, in the bundle folder: no catalog to load at run time. */
const CATALOG_SNAPSHOT = { text: 'nodes.txt', json: 'nodes.json' };

async function writeCatalogSnapshot(entry, dir) {
  try {
    const { catalogSnapshot } = await import(pathToFileURL(entry).href);
    const texts = catalogSnapshot();
    for (const [key, file] of Object.entries(CATALOG_SNAPSHOT)) writeFileSync(join(dir, file), texts[key]);
  } catch {
    // `plumb nodes` then loads the catalog itself, and reports what is wrong with it
  }
}

/** What `plumb nodes [--json]` prints, from the bundle folder; undefined when it is not there. */
export function catalogSnapshotOf(bundle, json) {
  try {
    return readFileSync(join(bundle.dir, json ? CATALOG_SNAPSHOT.json : CATALOG_SNAPSHOT.text), 'utf8');
  } catch {
    return undefined;
  }
}

const bundleOf = (distDir, stamp) => ({ dir: join(distDir, stamp.dir), cli: join(distDir, stamp.dir, 'cli.mjs'), hash: stamp.hash });
const usable = (distDir, stamp) =>
  stamp && typeof stamp.dir === 'string' && stamp.files !== null && typeof stamp.files === 'object' && existsSync(join(distDir, stamp.dir, 'cli.mjs'));

/** Takes the build lock; false when a live build holds it. */
function lock(distDir) {
  const path = join(distDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let stale = false;
      try {
        const pid = Number(readFileSync(path, 'utf8'));
        stale = Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS || !alive(pid);
      } catch {
        stale = true;
      }
      if (!stale) return false;
      rmSync(path, { force: true });
    }
  }
  return false;
}

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function unlock(distDir) {
  try {
    unlinkSync(join(distDir, LOCK));
  } catch {
    // already gone
  }
}

function pruneOld(distDir, keep) {
  for (const entry of readdirSync(distDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === keep) continue;
    const path = join(distDir, entry.name);
    try {
      const tmp = entry.name.startsWith('.tmp-');
      if (Date.now() - statSync(path).mtimeMs > (tmp ? STALE_LOCK_MS : KEEP_OLD_MS)) rmSync(path, { recursive: true, force: true });
    } catch {
      // in use or gone: next time
    }
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The fresh CLI bundle `{ dir, cli }`, building it when missing or stale; undefined when another process is building
 * it right now (unless `wait`). Throws when the build fails.
 * `distDir` defaults to `<root>/dist/cli` (PLUMB_CLI_DIST overrides it).
 */
export async function ensureCliBundle({ root, distDir = process.env.PLUMB_CLI_DIST || join(root, 'dist', 'cli'), force = false, wait = false } = {}) {
  let stamp = readStamp(distDir);
  if (!force && usable(distDir, stamp) && unchanged(root, stamp.files)) return bundleOf(distDir, stamp);

  const scanned = scan(root);
  const hash = await contentHashOf(root, scanned);
  if (!force && usable(distDir, stamp) && stamp.hash === hash) {
    // Same contents, new mtimes: remember them so the next start is fast again.
    try {
      writeStamp(distDir, { ...stamp, files: recordedFiles(scanned, Object.keys(stamp.files).filter((path) => !EXTRA_FILES.includes(path))) });
    } catch {
      // read-only install: still fresh, just slower to check
    }
    return bundleOf(distDir, stamp);
  }

  mkdirSync(distDir, { recursive: true });
  const deadline = Date.now() + 120_000;
  while (!lock(distDir)) {
    if (!wait || Date.now() > deadline) return undefined;
    await sleep(100);
  }
  try {
    // Someone else may have finished the same build while we waited for the lock.
    stamp = readStamp(distDir);
    if (!force && usable(distDir, stamp) && stamp.hash === hash) return bundleOf(distDir, stamp);
    const name = hash.slice(0, 16);
    const tmp = join(distDir, `.tmp-${process.pid}-${Date.now()}`);
    let inputs;
    try {
      const { buildCli, CATALOG_SNAPSHOT_ENTRY } = await import('./build-cli.mjs');
      const built = await buildCli({ root, outdir: tmp });
      inputs = built.inputs;
      await writeCatalogSnapshot(built.entries[CATALOG_SNAPSHOT_ENTRY], tmp);
      const final = join(distDir, name);
      if (force || !existsSync(join(final, 'cli.mjs'))) {
        rmSync(final, { recursive: true, force: true });
        renameSync(tmp, final);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    // Sizes and mtimes from before the build: a source edited while it ran makes the next start look again.
    const fresh = { dir: name, hash, builtAt: new Date().toISOString(), files: recordedFiles(scanned, inputs) };
    writeStamp(distDir, fresh);
    // The folder's mtime says when it stopped being current (see pruneOld).
    if (stamp?.dir && stamp.dir !== name && existsSync(join(distDir, stamp.dir))) {
      const now = new Date();
      utimesSync(join(distDir, stamp.dir), now, now);
    }
    pruneOld(distDir, name);
    return bundleOf(distDir, fresh);
  } finally {
    unlock(distDir);
  }
}

// `node bin/cli-bundle.mjs [--force] [--if-possible]`: `npm run build:cli`, and the `prepare` script (run by npm install
// and npm ci), where a failed build only warns: `plumb` then builds on first use, or runs from the sources.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(import.meta.dirname, '..');
  try {
    const bundle = await ensureCliBundle({ root, force: process.argv.includes('--force'), wait: true });
    if (!bundle) throw new Error('another build did not finish in time');
    console.error(`plumb: CLI bundle ready in ${relative(root, bundle.dir)}`);
  } catch (e) {
    console.error(`plumb: building the CLI bundle failed: ${e instanceof Error ? e.message : String(e)}`);
    if (!process.argv.includes('--if-possible')) process.exitCode = 1;
  }
}
