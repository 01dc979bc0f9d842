// The project's component library as the editor sees it: the saved components (for the palette), re-read when a
// project opens, and saving a new one after grouping.
import { create } from 'zustand';
import { componentSchema, type ComponentSpec } from '../../shared/pipeline/schema.js';
import { getApi } from './api.js';
import { useNoticesStore } from './notices.js';

export interface LibraryComponent {
  name: string;
  spec: ComponentSpec;
}

export interface ComponentLibraryState {
  components: LibraryComponent[];
}

export const useComponentLibraryStore = create<ComponentLibraryState>()(() => ({ components: [] }));

export function libraryComponent(name: string): LibraryComponent | undefined {
  return useComponentLibraryStore.getState().components.find((c) => c.name === name);
}

export async function refreshComponentLibrary(): Promise<void> {
  try {
    const { components } = await getApi().call('components.list', {});
    const read = components.flatMap(({ name, component }) => {
      const parsed = componentSchema.safeParse(component);
      return parsed.success ? [{ name, spec: parsed.data }] : [];
    });
    useComponentLibraryStore.setState({ components: read.sort((a, b) => a.name.localeCompare(b.name)) });
  } catch (e) {
    useNoticesStore.getState().reportError(e, 'Reading the component library');
  }
}

/** Save (or replace) a component in the project library; the palette lists it at once. */
export async function saveToLibrary(name: string, spec: ComponentSpec): Promise<boolean> {
  useComponentLibraryStore.setState((s) => ({ components: [...s.components.filter((c) => c.name !== name), { name, spec }].sort((a, b) => a.name.localeCompare(b.name)) }));
  try {
    await getApi().call('components.save', { name, component: spec });
    return true;
  } catch (e) {
    useComponentLibraryStore.setState((s) => ({ components: s.components.filter((c) => c.name !== name) }));
    useNoticesStore.getState().reportError(e, `Saving component ${name} to the library`);
    return false;
  }
}
