// The pipeline's problems: nodes that failed in the last run (runtime errors) first, then validation problems from
// the last save, each naming its node, key and YAML line. Choosing one selects its node and centres it.
import { useMemo } from 'react';
import { useRunStore } from '../state/run.js';
import { failedNodes } from '../state/run-events.js';
import { useSaveStore } from '../state/save.js';
import { useSelectionStore } from '../state/selection.js';

const reveal = (node: string) => useSelectionStore.getState().reveal(node);

/** How many problems the list shows: runtime failures plus validation issues. */
export function useProblemCount(): number {
  const failures = useRunStore((s) => failedNodes(s.view).length);
  const issues = useSaveStore((s) => s.issues.length);
  return failures + issues;
}

export function ProblemsList() {
  const issues = useSaveStore((s) => s.issues);
  const view = useRunStore((s) => s.view);
  const failures = useMemo(() => failedNodes(view), [view]);
  if (issues.length === 0 && failures.length === 0) return <p className="muted empty-output">No problems.</p>;
  return (
    <ul className="problems" aria-label="Problems">
      {failures.map((f) => (
        <li key={`failed:${f.node}`} className="problem-runtime">
          <button type="button" className="link-button problem" aria-label={`${f.node} failed: ${f.message}. Show ${f.node} on the canvas`} onClick={() => reveal(f.node)}>
            ✖ <strong>{f.node}</strong> failed (runtime error): {f.message}
          </button>
        </li>
      ))}
      {issues.map((issue, i) => {
        const where = [issue.node, issue.key].filter(Boolean).join(' · ');
        const text = `${where ? `${where}: ` : ''}${issue.message}${issue.line !== undefined ? ` (line ${issue.line})` : ''}`;
        return (
          <li key={i}>
            {issue.node ? (
              <button type="button" className="link-button problem" onClick={() => reveal(issue.node!)}>
                ⚠ {text}
              </button>
            ) : (
              <span className="problem">⚠ {text}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
