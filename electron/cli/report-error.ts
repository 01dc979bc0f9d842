// Formats an error as the CLI's one stderr line `error: <node id>: <message>` plus indented detail lines.
import type { PlumbError } from '../../shared/errors.js';

export function formatError(error: PlumbError): string {
  const { file, line, column, node, param } = error.where;
  const subject = node ?? file ?? 'plumb';
  const location: string[] = [];
  if (file && (node || line !== undefined)) {
    location.push(line !== undefined ? `${file}:${line}${column !== undefined ? `:${column}` : ''}` : file);
  }
  // The message itself names the param (and node) in the user's words.
  if (param && !error.message.includes(param)) location.push(`param '${param}'`);
  const head = `error: ${subject}: ${location.length ? `${location.join(', ')}: ` : ''}${error.message}`;
  // The first detail often restates the message with its location: print only what adds something.
  const details = error.details.filter((d) => !d.endsWith(error.message));
  return [head, ...details.map((d) => `  ${d}`)].join('\n') + '\n';
}
