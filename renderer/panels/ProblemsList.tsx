// Validation problems of the open pipeline (from the last save), each naming its node, key and YAML line;
// choosing one selects its node.
import { useSaveStore } from '../state/save.js';
import { useSelectionStore } from '../state/selection.js';

export function ProblemsList() {
  const issues = useSaveStore((s) => s.issues);
  if (issues.length === 0) return <p className="muted empty-output">No problems.</p>;
  return (
    <ul className="problems" aria-label="Problems">
      {issues.map((issue, i) => {
        const where = [issue.node, issue.key].filter(Boolean).join(' · ');
        const text = `${where ? `${where}: ` : ''}${issue.message}${issue.line !== undefined ? ` (line ${issue.line})` : ''}`;
        return (
          <li key={i}>
            {issue.node ? (
              <button type="button" className="link-button problem" onClick={() => useSelectionStore.getState().select([issue.node!])}>
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
