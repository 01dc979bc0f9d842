// The desktop app's file bridge (Electron only): the native open dialog and the path of a dropped file. The browser
// host has neither; it lists folders through files.list and uploads dropped files instead.
import { z } from 'zod';

/** The IPC channel of the native open dialog (the only file channel; a dropped file's path needs no IPC). */
export const PICK_FILE_CHANNEL = 'plumb:pick-file';

export const pickFileRequestSchema = z.object({
  /** extensions to offer (no dot); none offers every file */
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,12}$/)).max(20).optional(),
  title: z.string().max(200).optional(),
});
export type PickFileRequest = z.infer<typeof pickFileRequestSchema>;

/** The picked file as a param value (relative to the project folder when inside it), or null when cancelled. */
export const pickFileResponseSchema = z.object({ path: z.string().nullable(), insideProject: z.boolean() });
export type PickFileResponse = z.infer<typeof pickFileResponseSchema>;

/** What the preload exposes as `window.plumb.files`. */
export interface DesktopFiles {
  /** a PickFileResponse, or `{ error }` (checked by the renderer with pickFileResponseSchema) */
  pickFile(request: PickFileRequest): Promise<unknown>;
  /** the absolute path of a file dropped onto the window (Electron's webUtils.getPathForFile); '' when it has none */
  pathForFile(file: unknown): string;
}
