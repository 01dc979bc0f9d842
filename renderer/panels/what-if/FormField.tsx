// One field of the what-if form: a category as a select of its training levels; a number as text checked as typed
// ("abc" is refused at the field, the last good value stays in use) with the range seen in the rows beside it.
import { useEffect, useId, useState } from 'react';
import type { FormColumn } from '../../../shared/api/what-if.js';
import { formatNumber } from '../column-stats.js';
import { numberFromText, parseNumberField, type Value } from './what-if-data.js';

export function FormField({ column, value, onChange }: { column: FormColumn; value: Value; onChange: (v: Value) => void }) {
  if (column.kind === 'category') {
    const levels = column.categories ?? [];
    const current = value === null ? '' : String(value);
    return (
      <select aria-label={column.name} value={current} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">(missing)</option>
        {!levels.includes(current) && current !== '' && <option value={current}>{current} (not seen in training)</option>}
        {levels.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
    );
  }
  return <NumberField column={column} value={typeof value === 'number' ? value : null} onChange={onChange} />;
}

// The text is kept while typing ("1." or "-"); a value is sent only once the text parses.
function NumberField({ column, value, onChange }: { column: FormColumn; value: number | null; onChange: (v: number | null) => void }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const messageId = useId();
  const rangeId = useId();
  useEffect(() => {
    setText((t) => (numberFromText(t) === value && !('error' in parseNumberField(t)) ? t : value === null ? '' : String(value)));
  }, [value]);
  const parsed = parseNumberField(text);
  const error = 'error' in parsed ? parsed.error : undefined;
  const hasRange = column.min !== undefined && column.max !== undefined;
  const outside = hasRange && 'value' in parsed && parsed.value !== null && (parsed.value < column.min! || parsed.value > column.max!);
  const fraction = column.integer && 'value' in parsed && parsed.value !== null && !Number.isInteger(parsed.value);
  return (
    <>
      <input
        type="text"
        inputMode="decimal"
        aria-label={column.name}
        aria-invalid={error !== undefined}
        aria-describedby={[error ? messageId : '', hasRange ? rangeId : ''].filter(Boolean).join(' ') || undefined}
        value={text}
        style={{ width: 110 }}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseNumberField(e.target.value);
          if ('value' in next) onChange(next.value);
        }}
      />
      {hasRange && (
        <span id={rangeId} className={`small ${outside || fraction ? 'field-warning' : 'muted'}`} style={{ marginLeft: 6 }}>
          {column.integer ? 'whole number, ' : ''}rows: {formatNumber(column.min!)} – {formatNumber(column.max!)}
          {outside ? ' (outside what the rows show)' : fraction ? ' (the rows hold whole numbers)' : ''}
        </span>
      )}
      {error && (
        <span id={messageId} role="alert" className="field-error small" style={{ display: 'block' }}>
          {error}
        </span>
      )}
    </>
  );
}
