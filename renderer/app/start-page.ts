// When the start page shows: on request (the rail's Start page button), and by itself when the open project has
// no pipeline at all. `npm start` opens the sample project with its pipelines, so it goes straight to the editor.
import { create } from 'zustand';
import { useGraphStore } from '../state/graph.js';
import { openPipeline, openProject, useProjectStore } from '../state/project.js';
import { useNoticesStore } from '../state/notices.js';
import { isSampleProjectPath } from './samples.js';

interface StartPageState {
  requested: boolean;
  /** the project whose pipelines have been listed (until then an empty list means "not known yet") */
  listedFor: string | null;
}

export const useStartPageStore = create<StartPageState>()(() => ({ requested: false, listedFor: null }));

useProjectStore.subscribe((s, before) => {
  if (s.pipelines !== before.pipelines) useStartPageStore.setState({ listedFor: s.info?.path ?? null });
});
// Opening another pipeline (from the start page, New from CSV, a sample) leaves the start page; the pipeline a
// project opens with while loading does not (the user may have asked for the start page meanwhile).
useGraphStore.subscribe((s, before) => {
  if (s.pipeline !== null && s.pipeline !== before.pipeline && !useProjectStore.getState().reloading) hideStartPage();
});

export function showStartPage(): void {
  useStartPageStore.setState({ requested: true });
}

export function hideStartPage(): void {
  useStartPageStore.setState({ requested: false });
}

export function useStartPageShown(): boolean {
  const requested = useStartPageStore((s) => s.requested);
  const listedFor = useStartPageStore((s) => s.listedFor);
  const emptyProject = useProjectStore((s) => !s.busy && s.info !== null && s.info.path === listedFor && s.pipelines.length === 0);
  const nothingOpen = useGraphStore((s) => s.pipeline === null);
  return requested || (emptyProject && nothingOpen);
}

/** The sample project's working copy: the open project, or the one in the recent list. */
export function samplePath(): string | undefined {
  const { info, recent } = useProjectStore.getState();
  return [info?.path ?? '', ...recent].find(isSampleProjectPath);
}

/** Opens a sample pipeline, switching to the sample project first when another one is open. */
export async function openSample(name: string): Promise<void> {
  const path = samplePath();
  if (!path) {
    useNoticesStore.getState().reportError(new Error('the sample project is not among the recent projects; start Plumb without a project file to get it back'), 'Open sample');
    return;
  }
  if (useProjectStore.getState().info?.path !== path && !(await openProject(path))) return;
  await openPipeline(name);
  if (useGraphStore.getState().pipeline === name) hideStartPage();
}

/** Opens a pipeline of this project from the start page. */
export async function openFromStart(name: string): Promise<void> {
  await openPipeline(name);
  if (useGraphStore.getState().pipeline === name) hideStartPage();
}
