// Plain-text tables for the CLI's listings: columns padded to their widest cell, two spaces apart.
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export const printJson = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

export const formatNumber = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : Number.isInteger(x) ? String(x) : x.toPrecision(4);
