// The project's component library: components saved from one pipeline to be used in any other (SPEC §3).
import { read, write, type StoreContext } from './db.js';

export interface SavedComponent {
  name: string;
  /** A pipeline document holding just this component, as YAML (the codec checks it on the way in and out). */
  yaml: string;
  savedAt: string;
}

export interface ComponentLibrary {
  list(): SavedComponent[];
  /** Adds the component, or replaces the one saved under the same name. */
  save(name: string, yaml: string): SavedComponent;
  /** False when there was no such component. */
  delete(name: string): boolean;
}

export function componentLibraryOf({ db, now }: StoreContext): ComponentLibrary {
  const selectAll = db.prepare('SELECT name, yaml, saved_at AS savedAt FROM component_library ORDER BY name');
  const upsert = db.prepare(
    'INSERT INTO component_library (name, yaml, saved_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET yaml = excluded.yaml, saved_at = excluded.saved_at',
  );
  const remove = db.prepare('DELETE FROM component_library WHERE name = ?');
  return {
    list: () => read(db, () => selectAll.all() as SavedComponent[]),
    save: (name, yaml) =>
      write(db, () => {
        const savedAt = now();
        upsert.run(name, yaml, savedAt);
        return { name, yaml, savedAt };
      }),
    delete: (name) => write(db, () => remove.run(name).changes > 0),
  };
}
