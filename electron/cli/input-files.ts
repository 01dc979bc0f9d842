// Checks on the files and folders a command is pointed at, made before anything is read or written: a pipeline
// file must be a regular file under the size cap (a FIFO would block forever), and an output folder must be one
// we can create and write (Node's recursive mkdir spins forever on paths like /proc/x).
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { invalidInput } from '../../shared/errors.js';
import { MAX_PIPELINE_YAML_BYTES } from '../../shared/pipeline/yaml-source.js';

/** A pipeline file that exists must be a regular file of at most MAX_PIPELINE_YAML_BYTES (1 MiB). */
export async function checkPipelineFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return; // a missing file is reported by the loader, as before
  if (!info.isFile()) throw invalidInput('not a regular file: a pipeline is read from a plain YAML file (not a folder, FIFO or device)', { file: path });
  if (info.size > MAX_PIPELINE_YAML_BYTES) {
    throw invalidInput(`the pipeline file is ${info.size} bytes; the limit is ${MAX_PIPELINE_YAML_BYTES} (1 MiB)`, { file: path });
  }
}

/** Creates `dir` (and missing parents) without recursive mkdir; never loops. */
export async function makeDirs(dir: string): Promise<void> {
  try {
    await mkdir(dir);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(dir)).isDirectory()) return;
      throw e;
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw e;
  }
  await makeDirs(dirname(dir));
  await mkdir(dir).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST' || !(await stat(dir)).isDirectory()) throw e;
  });
}

/** Makes sure `--out`/`--cache` names a folder we can create folders in; an invalid_input error otherwise. */
export async function prepareOutputFolder(dir: string, flag: string): Promise<void> {
  const absolute = resolve(dir);
  const fail = (e: unknown) =>
    invalidInput(`${flag} ${dir}: cannot write there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { param: flag });
  try {
    await makeDirs(absolute);
  } catch (e) {
    throw fail(e);
  }
  const probe = join(absolute, `.plumb-write-check-${process.pid}`);
  try {
    await mkdir(probe);
    await rmdir(probe);
  } catch (e) {
    throw fail(e);
  }
}
