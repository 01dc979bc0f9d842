// The open project: its info (host, compute backend), its pipelines, recent projects, and the actions that open,
// create and rename them. Switching pipelines first saves what is pending.
import { create } from 'zustand';
import type { ApiResponse } from '../../shared/api/contract.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { getApi } from './api.js';
import { forgetColumns } from './columns.js';
import { useGraphStore, withPositions } from './graph.js';
import { useNoticesStore } from './notices.js';
import { restoreLatestRun, useRunStore } from './run.js';
import { idleRun } from './run-events.js';
import { flushSave, markLoaded } from './save.js';
import { useSelectionStore } from './selection.js';

export type ProjectInfo = ApiResponse<'project.info'>;
export type PipelineSummary = ApiResponse<'pipelines.list'>['pipelines'][number];

export interface ProjectState {
  info: ProjectInfo | null;
  pipelines: PipelineSummary[];
  recent: string[];
  /** a project-level action is running (the toolbar disables its buttons) */
  busy: boolean;
  /** the project is being (re)read and its first pipeline opened, not a pipeline the user picked */
  reloading: boolean;
}

export const useProjectStore = create<ProjectState>()(() => ({ info: null, pipelines: [], recent: [], busy: false, reloading: false }));

const report = (e: unknown, context: string) => useNoticesStore.getState().reportError(e, context);

export async function refreshPipelines(): Promise<PipelineSummary[]> {
  const { pipelines } = await getApi().call('pipelines.list', {});
  useProjectStore.setState({ pipelines });
  return pipelines;
}

export async function refreshRecent(): Promise<void> {
  try {
    const { paths } = await getApi().call('project.recent', {});
    useProjectStore.setState({ recent: paths });
  } catch (e) {
    report(e, 'Recent projects');
  }
}

/** Opens a pipeline with its newest run's outputs, or with `run`'s (the Runs view's "Open in editor"). */
export async function openPipeline(name: string, run?: Parameters<typeof restoreLatestRun>[1]): Promise<void> {
  await flushSave();
  try {
    const loaded = await getApi().call('pipelines.load', { name });
    const doc = withPositions(loaded.document);
    useSelectionStore.getState().clear();
    useRunStore.setState({ view: idleRun });
    forgetColumns();
    markLoaded(doc, loaded.version, loaded.issues);
    useGraphStore.getState().load(loaded.name, doc);
    void restoreLatestRun(loaded.name, run);
  } catch (e) {
    report(e, `Opening pipeline ${name}`);
  }
}

/** Re-read the project after it changed (start, open, create, save as) and open its first pipeline. */
export async function reloadProject(): Promise<void> {
  useProjectStore.setState({ reloading: true });
  try {
    const info = await getApi().call('project.info', {});
    useProjectStore.setState({ info });
    const pipelines = await refreshPipelines();
    const current = useGraphStore.getState().pipeline;
    const keep = pipelines.find((p) => p.name === current);
    if (keep) await openPipeline(keep.name);
    else if (pipelines.length > 0) await openPipeline(pipelines[0].name);
    else useGraphStore.getState().close();
  } catch (e) {
    report(e, 'Loading the project');
  } finally {
    useProjectStore.setState({ reloading: false });
  }
  void refreshRecent();
}

async function projectAction(method: 'project.open' | 'project.create' | 'project.saveAs', path: string): Promise<boolean> {
  useProjectStore.setState({ busy: true });
  try {
    await flushSave();
    if (method !== 'project.saveAs') useGraphStore.getState().close();
    await getApi().call(method, { path });
    await reloadProject();
    return true;
  } catch (e) {
    report(e, method === 'project.open' ? 'Open project' : method === 'project.create' ? 'New project' : 'Save project as');
    return false;
  } finally {
    useProjectStore.setState({ busy: false });
  }
}

export const openProject = (path: string): Promise<boolean> => projectAction('project.open', path);
export const createProject = (path: string): Promise<boolean> => projectAction('project.create', path);
export const saveProjectAs = (path: string): Promise<boolean> => projectAction('project.saveAs', path);

export async function createPipeline(name: string): Promise<boolean> {
  try {
    await flushSave();
    await getApi().call('pipelines.create', { name });
    await refreshPipelines();
    await openPipeline(name);
    return true;
  } catch (e) {
    report(e, 'New pipeline');
    return false;
  }
}

/** A new pipeline with this document (e.g. the "New from CSV" starter), opened once saved. */
export async function createPipelineFrom(document: PipelineDocument): Promise<boolean> {
  try {
    await flushSave();
    await getApi().call('pipelines.create', { name: document.name });
    await getApi().call('pipelines.save', { name: document.name, document, message: 'created from a CSV' });
    await refreshPipelines();
    await openPipeline(document.name);
    return true;
  } catch (e) {
    report(e, 'New pipeline from a CSV');
    return false;
  }
}

export async function renamePipeline(name: string, to: string): Promise<boolean> {
  try {
    await flushSave();
    await getApi().call('pipelines.rename', { name, to });
    if (useGraphStore.getState().pipeline === name) useGraphStore.getState().renamed(to);
    await refreshPipelines();
    return true;
  } catch (e) {
    report(e, 'Rename pipeline');
    return false;
  }
}

export async function deletePipeline(name: string): Promise<boolean> {
  const open = useGraphStore.getState().pipeline === name;
  try {
    await flushSave();
    // Closed first, so no autosave of the deleted pipeline can follow.
    if (open) useGraphStore.getState().close();
    await getApi().call('pipelines.delete', { name });
    const pipelines = await refreshPipelines();
    if (open) {
      useRunStore.setState({ view: idleRun });
      if (pipelines.length > 0) await openPipeline(pipelines[0].name);
    }
    return true;
  } catch (e) {
    report(e, 'Delete pipeline');
    if (open) await openPipeline(name);
    return false;
  }
}
