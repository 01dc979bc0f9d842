// The desktop app's PDF export of the standalone reports (Electron only): the renderer names a report by the ids the
// HTML export takes, and main builds the HTML itself, prints it with Chromium's print-to-PDF and saves it where the
// user chooses. The browser host opens the HTML in a print tab instead.
import { z } from 'zod';
import { apiMethods } from './contract.js';

/** The IPC channel of the PDF export. */
export const SAVE_REPORT_PDF_CHANNEL = 'plumb:save-report-pdf';

/** Which report, and the request its HTML export (drift.exportHtml / explain.exportHtml) takes. */
export const reportPdfRequestSchema = z.discriminatedUnion('report', [
  z.object({ report: z.literal('drift'), source: apiMethods['drift.exportHtml'].request }).strict(),
  z.object({ report: z.literal('explanation'), source: apiMethods['explain.exportHtml'].request }).strict(),
]);
export type ReportPdfRequest = z.infer<typeof reportPdfRequestSchema>;

/** Where the PDF was saved, or null when the user cancelled the save dialog. */
export const reportPdfResponseSchema = z.object({ path: z.string().nullable() });
export type ReportPdfResponse = z.infer<typeof reportPdfResponseSchema>;

/** What the preload exposes as `window.plumb.reports`. */
export interface DesktopReports {
  /** a ReportPdfResponse, or `{ error }` (checked by the renderer with reportPdfResponseSchema) */
  savePdf(request: ReportPdfRequest): Promise<unknown>;
}
