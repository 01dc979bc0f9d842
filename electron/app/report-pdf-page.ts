// What the PDF export prints, without Electron: the report's HTML built by the API from the ids the renderer sent
// (never HTML from the renderer), the print options and the file name offered in the save dialog.
import type { PrintToPDFOptions } from 'electron';
import { z } from 'zod';
import type { ReportPdfRequest } from '../../shared/api/desktop-reports.js';
import { dispatch, type ApiService } from '../host/handlers.js';

/** A4 portrait with the default 1 cm margins; backgrounds printed, as the verdict badges and table stripes are. */
export const REPORT_PDF_OPTIONS: PrintToPDFOptions = { pageSize: 'A4', landscape: false, printBackground: true };

const htmlAnswer = z.object({ html: z.string() });

/** The report's standalone HTML, from the same API method its HTML export uses; throws the API's one-line message. */
export async function reportHtml(service: ApiService, request: ReportPdfRequest): Promise<string> {
  const answer = request.report === 'drift' ? await dispatch(service, 'drift.exportHtml', request.source) : await dispatch(service, 'explain.exportHtml', request.source);
  if (!answer.ok) throw new Error(answer.body.error.message);
  return htmlAnswer.parse(answer.body).html;
}

/** The file name offered in the save dialog, like the HTML export's (drift-<node>-<run>.pdf, explanations-<run>.pdf). */
export function reportPdfFileName(request: ReportPdfRequest): string {
  const run = request.source.runId.slice(0, 8).replace(/[^A-Za-z0-9_-]/g, '_');
  return request.report === 'drift' ? `drift-${request.source.node}-${run}.pdf` : `explanations-${run}.pdf`;
}
