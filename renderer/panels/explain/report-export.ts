// Saving a standalone HTML report (drift, explanation) as a download, and opening it in a new tab to print or save as
// PDF with the browser's own print-to-PDF (the report has no scripts, so the tab shows exactly the downloaded file).
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

/** Opens the report in a new tab for printing; false when the browser blocked the tab. */
export function openForPrint(html: string): boolean {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const tab = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return tab !== null;
}
