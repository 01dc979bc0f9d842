// Data files dropped onto the canvas become reader nodes at the drop point: in the desktop app the file's own path
// is used (relative when inside the project folder); in the browser host the file is uploaded into the project.
import { useNoticesStore } from '../state/notices.js';
import { desktopFiles, uploadToProject } from '../api/files.js';
import { getApi } from '../state/api.js';
import { addNodeAt } from './commands.js';

/** The reader node type for a file name, or undefined when it is not a data file the readers take. */
export function readerFor(name: string): 'data.read_csv' | 'data.read_parquet' | undefined {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'data.read_csv';
  if (ext === 'parquet') return 'data.read_parquet';
  return undefined;
}

/** Whether a drag carries files from outside the page. */
export const carriesFiles = (transfer: DataTransfer): boolean => transfer.types.includes('Files');

/** Where a file's param path comes from: its own path (desktop) or an upload into the project folder (browser). */
async function projectPath(file: File): Promise<string> {
  const bridge = desktopFiles();
  const own = bridge?.pathForFile(file);
  if (own) return (await getApi().call('files.locate', { path: own })).path;
  return (await uploadToProject(file)).path;
}

/** Adds one reader per data file, stacked downwards from the drop point; other files are reported, not added. */
export async function dropDataFiles(files: File[], at: { x: number; y: number }): Promise<string[]> {
  const added: string[] = [];
  let offset = 0;
  for (const file of files) {
    const type = readerFor(file.name);
    if (!type) {
      useNoticesStore.getState().reportError(new Error(`${file.name} is not a CSV or Parquet file (drop .csv, .tsv or .parquet files)`), 'Drop');
      continue;
    }
    try {
      const path = await projectPath(file);
      const id = addNodeAt(type, { x: at.x, y: at.y + offset }, { path });
      if (!id) continue;
      added.push(id);
      offset += 140;
    } catch (e) {
      useNoticesStore.getState().reportError(e, `Could not add ${file.name}`);
    }
  }
  return added;
}
