// Messages over the canvas: why a connection was refused, and errors from the API, each dismissable.
import { useEffect } from 'react';
import { useNoticesStore } from '../state/notices.js';

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
