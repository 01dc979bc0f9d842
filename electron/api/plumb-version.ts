// The version of Plumb that is running, recorded with every run (from package.json, inlined when bundled).
import packageJson from '../../package.json' with { type: 'json' };

export const PLUMB_VERSION: string = packageJson.version;
