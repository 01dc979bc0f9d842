// A standalone report (drift, explanation) made ready to print in a window of its own: a Content-Security-Policy that
// lets its inline CSS and SVG through and nothing else, so even a script or a remote URL that slipped into a cell
// could neither run nor load while Chromium renders the page to PDF.

/** Inline styles and data: images only; no script, no request, no base URL, no form. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`;

/** The report with the print CSP as the first element of its head (a meta CSP governs only what follows it). */
export function printablePage(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  // Both reports are whole documents; anything else is not printed without its CSP.
  if (!head) throw new Error('the report is not a whole HTML document (it has no <head>)');
  const at = head.index + head[0].length;
  return html.slice(0, at) + CSP_META + html.slice(at);
}
