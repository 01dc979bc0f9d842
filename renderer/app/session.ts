// Start-up: connect the stores to the API, follow run events, save edits automatically and open the project.
import type { AppApi } from '../../shared/api/contract.js';
import { setApi } from '../state/api.js';
import { forgetColumns } from '../state/columns.js';
import { reloadProject } from '../state/project.js';
import { handleRunEvent } from '../state/run.js';
import { startAutosave } from '../state/save.js';

export function startSession(api: AppApi): () => void {
  setApi(api);
  const stopEvents = api.onRunEvent((event) => {
    handleRunEvent(event);
    // Column lists come from run outputs; a finished run may have changed them.
    if (event.kind === 'run_finished') forgetColumns();
  });
  const stopAutosave = startAutosave();
  void reloadProject();
  return () => {
    stopEvents();
    stopAutosave();
  };
}
