// Autosave: every document edit is saved with `pipelines.save` after a short pause; saves run one at a time and the
// validation issues of the last save are the editor's problems list.
import { create } from 'zustand';
import type { PipelineDocument } from '../../shared/pipeline/schema.js';
import type { ApiResponse } from '../../shared/api/contract.js';
import { errorMessage, getApi } from './api.js';
import { useGraphStore } from './graph.js';

export type PipelineIssue = ApiResponse<'pipelines.save'>['issues'][number];
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export interface SaveState {
  status: SaveStatus;
  error?: string;
  version?: number;
  issues: PipelineIssue[];
  /** the document as last saved or loaded; edits differ from it */
  savedDoc: PipelineDocument | null;
}

export const SAVE_DELAY_MS = 500;

export const useSaveStore = create<SaveState>()(() => ({ status: 'saved', issues: [], savedDoc: null }));

let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<void> | undefined;

/** The pipeline was just loaded: that is the saved state, with its issues. */
export function markLoaded(doc: PipelineDocument, version: number, issues: PipelineIssue[]): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  useSaveStore.setState({ status: 'saved', error: undefined, version, issues, savedDoc: doc });
}

async function saveNow(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  while (inFlight) await inFlight;
  const { pipeline, doc } = useGraphStore.getState();
  if (!pipeline || doc === useSaveStore.getState().savedDoc) return;
  useSaveStore.setState({ status: 'saving', error: undefined });
  inFlight = (async () => {
    try {
      const result = await getApi().call('pipelines.save', { name: pipeline, document: { ...doc, name: pipeline } });
      const stillOpen = useGraphStore.getState().pipeline === pipeline;
      const current = useGraphStore.getState().doc;
      useSaveStore.setState({
        status: current === doc || !stillOpen ? 'saved' : 'pending',
        version: result.version,
        issues: stillOpen ? result.issues : useSaveStore.getState().issues,
        savedDoc: stillOpen ? doc : useSaveStore.getState().savedDoc,
      });
      if (stillOpen && current !== doc) schedule();
    } catch (e) {
      useSaveStore.setState({ status: 'failed', error: errorMessage(e) });
    }
  })();
  try {
    await inFlight;
  } finally {
    inFlight = undefined;
  }
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  useSaveStore.setState({ status: 'pending' });
  timer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
}

/** Save now whatever is waiting (before a run, an export or switching pipelines). Resolves once saved. */
export async function flushSave(): Promise<void> {
  if (timer || useGraphStore.getState().doc !== useSaveStore.getState().savedDoc) await saveNow();
  else if (inFlight) await inFlight;
}

/** Start saving edits automatically; returns the function that stops it. */
export function startAutosave(): () => void {
  return useGraphStore.subscribe((s, before) => {
    if (s.doc === before.doc || !s.pipeline) return;
    if (s.doc === useSaveStore.getState().savedDoc) {
      // An undo back to the saved document: nothing to save.
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!inFlight) useSaveStore.setState({ status: 'saved' });
      return;
    }
    schedule();
  });
}
