// Opening one output on its own: in the desktop app the main process opens the window (the renderer may not), in
// the browser host a new tab of the same origin (its session cookie lets it call the API).
import { outputRouteHash, popOutResponseSchema, type OutputRoute } from '../../shared/api/output-window.js';
import { ApiError } from '../api/client.js';

export async function popOutOutput(route: OutputRoute): Promise<void> {
  const bridge = window.plumb?.outputs;
  if (!bridge) {
    // The token stays out of the address: the new tab is authorised by the host's HttpOnly cookie.
    window.open(`${location.origin}${location.pathname}${outputRouteHash(route)}`, '_blank', 'noopener');
    return;
  }
  const answer = popOutResponseSchema.safeParse(await bridge.popOut(route));
  if (!answer.success) throw new ApiError('the app gave no usable answer to the pop-out', 'runtime');
  if ('error' in answer.data) throw new ApiError(answer.data.error, 'invalid_input');
}
