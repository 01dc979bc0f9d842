// The one IPC channel that is not an API method: run events pushed to the renderer.
export const RUN_EVENT_CHANNEL = 'plumb:run-event';
/** The renderer asks the main process to open one output in a window of its own. */
export const POP_OUT_OUTPUT_CHANNEL = 'plumb:pop-out-output';
