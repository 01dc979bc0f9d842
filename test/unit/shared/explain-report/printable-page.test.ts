// The print CSP of a standalone report: the first element of the head, the page otherwise byte for byte the same,
// and a policy that allows inline CSS and data: images but no script and no request.
import { describe, expect, it } from 'vitest';
import { driftReportHtml } from '../../../../shared/drift/html-report.js';
import { PRINT_CSP, printablePage } from '../../../../shared/explain-report/printable-page.js';
import { explainReportHtml } from '../../../../shared/explain-report/html.js';

const META = `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`;

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('printablePage', () => {
  const reports = {
    drift: driftReportHtml({ dataset_drift: false, share_drifted: 0, drift_share_threshold: 0.5, columns: [] }, 'Drift'),
    explanation: explainReportHtml([], { title: 'Explanations' }),
    'a head with attributes': '<!DOCTYPE html><html><HEAD data-x="1"><title>t</title></HEAD><body>b</body></html>',
  };

  it.each(Object.entries(reports))('puts the CSP first in the head of the %s report and changes nothing else', (_, html) => {
    const page = printablePage(html);
    const head = /<head(\s[^>]*)?>/i.exec(html)!;
    expect(page.slice(head.index + head[0].length).startsWith(META)).toBe(true);
    expect(page.replace(META, '')).toBe(html);
  });

  it('refuses a fragment without a head rather than print it without the CSP', () => {
    expect(() => printablePage('<p>hi</p>')).toThrow(/no <head>/);
  });

  it('allows inline styles and data: images only', () => {
    const policy = directives(PRINT_CSP);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false); // falls back to default-src 'none'
    expect(policy.has('connect-src')).toBe(false);
    expect(policy.get('style-src')).toEqual(["'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(['data:']);
  });
});
