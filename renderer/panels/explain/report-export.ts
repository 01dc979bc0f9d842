// Saving a standalone HTML report (drift, explanation) as a download, and as PDF: in the desktop app main builds the
// report from its ids, prints it with Electron's printToPDF and saves it where the user picks; in the browser host the
// report opens in a new tab to print with the browser's own print-to-PDF (it has no scripts, so the tab shows
// exactly the downloaded file).
import { reportPdfResponseSchema, type ReportPdfRequest } from '../../../shared/api/desktop-reports.js';
import { printablePage } from '../../../shared/explain-report/printable-page.js';
import { ApiError } from '../../api/client.js';
import { getApi } from '../../state/api.js';

export function downloadHtml(html: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Opens the report in a new tab for printing (under the print CSP, as the desktop app prints it); false when blocked. */
function openForPrint(html: string): boolean {
  const url = URL.createObjectURL(new Blob([printablePage(html)], { type: 'text/html' }));
  const tab = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return tab !== null;
}

/** Whether the PDF export saves a file itself (the desktop app) rather than opening a print tab. */
export function savesPdfFile(): boolean {
  return window.plumb?.reports !== undefined;
}

export type PdfExport = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'print-tab' };

/** Exports a report as PDF: saved by the desktop app, or opened in a print tab by the browser; throws a one-line error. */
export async function exportReportPdf(request: ReportPdfRequest): Promise<PdfExport> {
  const reports = window.plumb?.reports;
  if (reports) {
    const answer = await reports.savePdf(request);
    const parsed = reportPdfResponseSchema.safeParse(answer);
    if (!parsed.success) {
      const error = (answer as { error?: unknown } | null)?.error;
      throw new ApiError(typeof error === 'string' ? error : 'the PDF export gave no usable answer', 'runtime');
    }
    return parsed.data.path === null ? { kind: 'cancelled' } : { kind: 'saved', path: parsed.data.path };
  }
  const { html } = request.report === 'drift' ? await getApi().call('drift.exportHtml', request.source) : await getApi().call('explain.exportHtml', request.source);
  if (!openForPrint(html)) throw new ApiError('the browser blocked the new tab: allow pop-ups for this page, or export HTML and print it', 'runtime');
  return { kind: 'print-tab' };
}
