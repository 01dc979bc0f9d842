// A popped-out output: the route that shows one node's output alone (a browser tab in the browser host, a window
// the main process opens in the desktop app), and the desktop bridge that asks for such a window.
import { z } from 'zod';
import { NODE_ID_PATTERN } from '../pipeline/schema.js';

export const outputRouteSchema = z.object({
  pipeline: z.string().min(1).max(200),
  node: z.string().regex(NODE_ID_PATTERN).max(200),
  port: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
  /** the run whose output is shown first; the view follows later runs of the pipeline */
  run: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
});
export type OutputRoute = z.infer<typeof outputRouteSchema>;

const ROUTE_PREFIX = '#/output?';

/** The location hash of a popped-out output. */
export function outputRouteHash(route: OutputRoute): string {
  return `${ROUTE_PREFIX}${new URLSearchParams({ pipeline: route.pipeline, node: route.node, port: route.port, run: route.run }).toString()}`;
}

/** The output a location hash names, or undefined when it is not a valid pop-out route. */
export function readOutputRoute(hash: string): OutputRoute | undefined {
  if (!hash.startsWith(ROUTE_PREFIX)) return undefined;
  const params = new URLSearchParams(hash.slice(ROUTE_PREFIX.length));
  const parsed = outputRouteSchema.safeParse({ pipeline: params.get('pipeline'), node: params.get('node'), port: params.get('port'), run: params.get('run') });
  return parsed.success ? parsed.data : undefined;
}

/** The main process's answer: a window was opened (or an open one focused), or why not. */
export const popOutResponseSchema = z.union([z.object({ opened: z.boolean() }), z.object({ error: z.string() })]);
export type PopOutResponse = z.infer<typeof popOutResponseSchema>;

/** What the preload exposes as `window.plumb.outputs` (desktop app only). */
export interface OutputWindowsBridge {
  /** a PopOutResponse (checked by the renderer with popOutResponseSchema) */
  popOut(route: OutputRoute): Promise<unknown>;
}
