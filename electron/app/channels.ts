// The one IPC channel that is not an API method: run events pushed to the renderer.
export const RUN_EVENT_CHANNEL = 'plumb:run-event';
