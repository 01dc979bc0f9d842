// The Models view's data: registered models, the versions and alias log of the one open, a version's lineage,
// and the registry actions (register a run's model, move an alias, roll it back), each followed by a reload.
import { create } from 'zustand';
import type { ApiRequest, ApiResponse } from '../../shared/api/contract.js';
import type { LineageView } from '../../shared/api/lifecycle.js';
import { errorMessage, getApi } from './api.js';
import { useNoticesStore } from './notices.js';
import type { Loadable } from './runs.js';

export type ModelSummary = ApiResponse<'models.list'>['models'][number];
export type ModelDetail = ApiResponse<'models.show'>;
export type ModelVersion = ModelDetail['versions'][number];

export interface ModelsState {
  list: Loadable<ModelSummary[]> | null;
  /** the model whose versions are shown */
  open: string | null;
  detail: Loadable<ModelDetail> | null;
  /** the lineage shown, as `name@version` */
  lineage: { ref: string; graph: Loadable<LineageView> } | null;
}

export const useModelsStore = create<ModelsState>()(() => ({ list: null, open: null, detail: null, lineage: null }));

const report = (e: unknown, context: string) => useNoticesStore.getState().reportError(e, context);

export async function refreshModels(): Promise<void> {
  if (!useModelsStore.getState().list) useModelsStore.setState({ list: { status: 'loading' } });
  try {
    const { models } = await getApi().call('models.list', {});
    useModelsStore.setState({ list: { status: 'ready', value: models } });
    const { open } = useModelsStore.getState();
    if (open) await openModel(open);
    else if (models.length > 0) await openModel(models[0].name);
  } catch (e) {
    useModelsStore.setState({ list: { status: 'error', error: errorMessage(e) } });
  }
}

export async function openModel(name: string): Promise<void> {
  const keep = useModelsStore.getState().open === name ? useModelsStore.getState().detail : null;
  useModelsStore.setState({ open: name, detail: keep?.status === 'ready' ? keep : { status: 'loading' } });
  try {
    const detail = await getApi().call('models.show', { model: name });
    if (useModelsStore.getState().open === name) useModelsStore.setState({ detail: { status: 'ready', value: detail } });
  } catch (e) {
    if (useModelsStore.getState().open === name) useModelsStore.setState({ detail: { status: 'error', error: errorMessage(e) } });
  }
}

export async function showLineage(name: string, version: number): Promise<void> {
  const ref = `${name}@${version}`;
  useModelsStore.setState({ lineage: { ref, graph: { status: 'loading' } } });
  try {
    const graph = await getApi().call('models.lineage', { model: ref });
    if (useModelsStore.getState().lineage?.ref === ref) useModelsStore.setState({ lineage: { ref, graph: { status: 'ready', value: graph } } });
  } catch (e) {
    if (useModelsStore.getState().lineage?.ref === ref) useModelsStore.setState({ lineage: { ref, graph: { status: 'error', error: errorMessage(e) } } });
  }
}

export const closeLineage = (): void => useModelsStore.setState({ lineage: null });

/** Registers a run's model output; resolves to the version (or undefined after reporting why not). */
export async function registerModel(request: ApiRequest<'models.register'>): Promise<ApiResponse<'models.register'> | undefined> {
  try {
    const registered = await getApi().call('models.register', request);
    useModelsStore.setState({ open: request.name });
    await refreshModels();
    return registered;
  } catch (e) {
    report(e, 'Register model');
    return undefined;
  }
}

/** Points `alias` of `name` at `version` (null removes it), logged with the note. */
export async function moveAlias(name: string, alias: string, version: number | null, note: string): Promise<boolean> {
  try {
    await getApi().call('models.alias', { name, alias, version, ...(note.trim() ? { note: note.trim() } : {}) });
    await refreshModels();
    return true;
  } catch (e) {
    report(e, 'Move alias');
    return false;
  }
}

/** Moves `alias` back to the version it named before its last move. */
export async function rollbackAlias(name: string, alias: string, note: string): Promise<boolean> {
  try {
    await getApi().call('models.rollback', { name, alias, ...(note.trim() ? { note: note.trim() } : {}) });
    await refreshModels();
    return true;
  } catch (e) {
    report(e, 'Roll back alias');
    return false;
  }
}

/** Writes a version as ONNX (SPEC §10) and hands the file to the browser's download (the app's save dialog). */
export async function downloadOnnx(name: string, version: number): Promise<void> {
  try {
    const { fileName, base64 } = await getApi().call('models.exportOnnx', { model: `${name}@${version}` });
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    report(e, 'Export ONNX');
  }
}
