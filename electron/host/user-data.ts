// Where Plumb keeps per-user files (recent projects, the working copy of the sample project).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(): string {
  if (process.env.PLUMB_USER_DATA) return process.env.PLUMB_USER_DATA;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Plumb');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Plumb');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'plumb');
}
