// Messages over the canvas: why a connection was refused, which node failed in the run that just ended, and errors
// from the API, each dismissable.
import { useEffect } from 'react';
import { useNoticesStore } from '../state/notices.js';
import { useSelectionStore } from '../state/selection.js';

const CONNECTION_MESSAGE_MS = 8000;

export function ConnectionNotice() {
  const reason = useNoticesStore((s) => s.connection);
  useEffect(() => {
    if (!reason) return;
    const timer = setTimeout(() => useNoticesStore.getState().clearConnection(), CONNECTION_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [reason]);
  if (!reason) return null;
  return (
    <div role="alert" className="connection-notice">
      <span>{reason}</span>
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => useNoticesStore.getState().clearConnection()}>
        ×
      </button>
    </div>
  );
}

export function ErrorNotices() {
  const errors = useNoticesStore((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <div className="error-notices">
      {errors.map((e) => (
        <div role="alert" key={e.id} className="error-notice">
          <span>{e.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss error" onClick={() => useNoticesStore.getState().dismissError(e.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** The toast naming the node that failed in the run that just ended, with a way back to it. */
export function FailureToast() {
  const failure = useNoticesStore((s) => s.failure);
  if (!failure) return null;
  const dismiss = () => useNoticesStore.getState().reportFailure(null);
  return (
    <div role="alert" aria-label={`Node ${failure.node} failed`} className="failure-toast">
      <div className="failure-text">
        <strong>Node {failure.node} failed</strong>
        <span title={failure.message}>{failure.message}</span>
      </div>
      <button type="button" onClick={() => useSelectionStore.getState().reveal(failure.node)}>
        Show {failure.node}
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss failure" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
