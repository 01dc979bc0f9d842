// One inspector field for one param, chosen from the field's kind and UI hint: number, text, checkbox, select,
// list, column picker (filled from the upstream table), SQL / expression editor or JSON.
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ColumnsEntry } from '../state/columns.js';
import { FilePathInput } from './FilePathInput.js';
import { checkParamValue, formatListText, parseListText, parseScalarText, type ParamField, type ScalarValue } from './param-fields.js';

export interface ParamInputProps {
  field: ParamField;
  /** the value written in the document, undefined when the default applies */
  value: unknown;
  issues: string[];
  /** columns of the table on the hinted input port, for column pickers */
  columns?: ColumnsEntry;
  /** whether the hinted input port is connected */
  columnsInputConnected?: boolean;
  onChange(value: unknown): void;
  onRefreshColumns?(): void;
}

function display(value: unknown): string {
  if (value === null) return 'none';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

/** Local text while typing, reset whenever the document's value changes (undo, another edit). */
function useDraft(text: string): [string, (t: string) => void] {
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  return [draft, setDraft];
}

const commitKeys = (commit: () => void, multiline: boolean) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) commit();
};

export function ParamInput(props: ParamInputProps) {
  const { field, value, issues } = props;
  const id = useId();
  const [localError, setLocalError] = useState<string | undefined>();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const current = value !== undefined ? value : field.defaultValue?.value;
  const defaultText = field.defaultValue ? `default: ${display(field.defaultValue.value)}` : 'required';
  const errors = [...(localError ? [localError] : []), ...issues];

  /** Check, then hand the value to the document (undefined = leave the param out). */
  const commit = (next: unknown) => {
    const problem = next === undefined ? undefined : checkParamValue(field, next);
    setLocalError(problem ? `Not applied: ${problem}` : undefined);
    if (!problem) props.onChange(next);
  };

  const common = {
    id,
    'aria-describedby': `${helpId}${errors.length ? ` ${errorId}` : ''}`,
    'aria-invalid': errors.length > 0 || undefined,
  };

  let control: ReactNode;
  let labelAfter = false;
  let fieldset = false;
  switch (field.kind) {
    case 'boolean':
      labelAfter = true;
      control = <input type="checkbox" {...common} checked={current === true} onChange={(e) => commit(e.target.checked)} />;
      break;
    case 'number':
      control = <NumberInput field={field} common={common} value={current} placeholder={defaultText} commit={commit} />;
      break;
    case 'choice':
      control = <ChoiceInput field={field} common={common} value={value} commit={commit} />;
      break;
    case 'string':
      control =
        field.widget?.widget === 'column' ? (
          <ColumnInput {...props} common={common} current={current} commit={commit} />
        ) : field.widget?.widget === 'file' ? (
          <FilePathInput name={field.name} extensions={field.widget.extensions} value={typeof current === 'string' ? current : ''} commit={(path) => commit(path === '' ? undefined : path)}>
            <TextInput common={common} value={typeof current === 'string' ? current : ''} placeholder="path relative to the project folder" commit={(t) => commit(t === '' ? undefined : t)} />
          </FilePathInput>
        ) : (
          <TextInput common={common} value={typeof current === 'string' ? current : ''} multiline={field.widget?.widget === 'sql' || field.widget?.widget === 'expression'} code={field.widget?.widget === 'sql' || field.widget?.widget === 'expression'} rows={field.widget?.widget === 'sql' ? 8 : 3} placeholder={defaultText} commit={(t) => commit(t === '' ? undefined : t)} />
        );
      break;
    case 'list':
      if (field.widget?.widget === 'columns' && field.item === 'string' && props.columns?.status === 'ready' && props.columns.columns.length > 0) {
        fieldset = true;
        control = <ColumnsChecklist columns={props.columns.columns.map((c) => c.name)} value={Array.isArray(current) ? (current as string[]) : []} commit={commit} describedBy={common['aria-describedby']} />;
      } else {
        control = (
          <>
          <TextInput
            common={common}
            value={formatListText(current, field.item)}
            multiline={field.item === 'string'}
            rows={3}
            placeholder={field.item === 'string' ? 'one per line' : 'numbers, comma-separated'}
            commit={(t) => {
              const parsed = parseListText(t, field.item);
              if ('error' in parsed) setLocalError(`Not applied: ${parsed.error}`);
              else commit(parsed.value);
            }}
          />
          {field.widget?.widget === 'columns' && <ColumnsStatus {...props} />}
          </>
        );
      }
      break;
    case 'scalar':
      control = <TextInput common={common} value={current === null || current === undefined ? '' : String(current)} placeholder={defaultText} commit={(t) => commit(t.trim() === '' ? undefined : parseScalarText(t))} />;
      break;
    case 'json':
      control = (
        <TextInput
          common={common}
          value={current === undefined ? '' : JSON.stringify(current, null, 1)}
          multiline
          code
          rows={3}
          placeholder={defaultText}
          commit={(t) => {
            if (t.trim() === '') return commit(undefined);
            try {
              commit(JSON.parse(t));
            } catch {
              setLocalError('Not applied: this is not valid JSON');
            }
          }}
        />
      );
      break;
  }

  const hint = field.widget && 'port' in field.widget && field.kind !== 'list' && field.widget.widget !== 'column' ? field.widget.port : undefined;
  const label = fieldset ? null : (
    <label htmlFor={id} id={`${id}-label`} className="param-label">
      {field.name}
      {!field.defaultValue && <span className="required"> *</span>}
    </label>
  );
  const reset = value !== undefined && field.defaultValue && (
    <button type="button" className="link-button" aria-label="Reset to default" aria-describedby={`${id}-label`} onClick={() => commit(undefined)}>
      reset
    </button>
  );

  const body = (
    <>
      {!labelAfter && label}
      <div className="param-control">
        {control}
        {labelAfter && label}
        {reset}
      </div>
    </>
  );

  return (
    <div className={`param param-${field.kind}${errors.length ? ' has-error' : ''}`}>
      {fieldset ? (
        <fieldset className="param-fieldset" aria-describedby={common['aria-describedby']}>
          <legend id={`${id}-label`} className="param-label">
            {field.name}
          </legend>
          {body}
        </fieldset>
      ) : (
        body
      )}
      <p id={helpId} className="param-help">
        {field.description}
        {field.description ? ' ' : ''}
        <span className="muted">({defaultText}{hint ? `; columns of input ${hint}` : ''})</span>
      </p>
      {errors.length > 0 && (
        <ul id={errorId} className="param-errors">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type Common = { id: string; 'aria-describedby': string; 'aria-invalid': true | undefined };

function TextInput(p: { common: Common; value: string; multiline?: boolean; code?: boolean; rows?: number; placeholder?: string; commit(text: string): void }) {
  const [draft, setDraft] = useDraft(p.value);
  const done = () => {
    if (draft !== p.value) p.commit(draft);
  };
  if (p.multiline) {
    return (
      <textarea
        {...p.common}
        className={p.code ? 'code' : undefined}
        rows={p.rows ?? 3}
        value={draft}
        placeholder={p.placeholder}
        spellCheck={!p.code}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={done}
        onKeyDown={commitKeys(done, true)}
      />
    );
  }
  return <input type="text" {...p.common} className={p.code ? 'code' : undefined} value={draft} placeholder={p.placeholder} onChange={(e) => setDraft(e.target.value)} onBlur={done} onKeyDown={commitKeys(done, false)} />;
}

function NumberInput(p: { field: Extract<ParamField, { kind: 'number' }>; common: Common; value: unknown; placeholder: string; commit(value: unknown): void }) {
  const text = typeof p.value === 'number' ? String(p.value) : '';
  const [draft, setDraft] = useDraft(text);
  const done = () => {
    if (draft === text) return;
    if (draft.trim() === '') return p.commit(p.field.nullable && !p.field.defaultValue ? null : undefined);
    p.commit(Number(draft));
  };
  return (
    <input
      type="number"
      {...p.common}
      step={p.field.integer ? 1 : 'any'}
      min={p.field.min}
      max={p.field.max}
      value={draft}
      placeholder={p.field.nullable ? 'none' : p.placeholder}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={done}
      onKeyDown={commitKeys(done, false)}
    />
  );
}

function ChoiceInput(p: { field: Extract<ParamField, { kind: 'choice' }>; common: Common; value: unknown; commit(value: unknown): void }) {
  const options: (ScalarValue | null)[] = [...p.field.options];
  if (p.field.nullable && !options.includes(null)) options.push(null);
  const index = p.value === undefined ? -1 : options.findIndex((o) => o === p.value);
  const defaultIndex = p.field.defaultValue ? options.findIndex((o) => o === p.field.defaultValue!.value) : -1;
  return (
    <select {...p.common} value={String(index === -1 ? (p.value === undefined ? 'default' : 'other') : index)} onChange={(e) => p.commit(e.target.value === 'default' ? undefined : options[Number(e.target.value)])}>
      {p.field.defaultValue ? (
        <option value="default">{display(p.field.defaultValue.value)} (default)</option>
      ) : (
        p.value === undefined && <option value="default">choose…</option>
      )}
      {index === -1 && p.value !== undefined && <option value="other">{display(p.value)} (not allowed)</option>}
      {options.map((o, i) => (i === defaultIndex && p.value === undefined ? null : <option key={i} value={String(i)}>{display(o)}</option>))}
    </select>
  );
}

function ColumnInput(p: ParamInputProps & { common: Common; current: unknown; commit(value: unknown): void }) {
  const current = typeof p.current === 'string' ? p.current : '';
  if (p.columns?.status === 'ready' && p.columns.columns.length > 0) {
    const names = p.columns.columns.map((c) => c.name);
    const empty = p.field.nullable || p.field.defaultValue;
    return (
      <select {...p.common} value={current} onChange={(e) => p.commit(e.target.value === '' ? (p.field.nullable ? null : undefined) : e.target.value)}>
        {(empty || current === '') && <option value="">{p.field.nullable ? '(none)' : '(choose a column)'}</option>}
        {current !== '' && !names.includes(current) && <option value={current}>{current} (not in input)</option>}
        {p.columns.columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} · {c.type}
          </option>
        ))}
      </select>
    );
  }
  return (
    <>
      <TextInput common={p.common} value={current} placeholder="column name" commit={(t) => p.commit(t === '' ? (p.field.nullable ? null : undefined) : t)} />
      <ColumnsStatus {...p} />
    </>
  );
}

export function ColumnsStatus(p: Pick<ParamInputProps, 'columns' | 'columnsInputConnected' | 'onRefreshColumns'>) {
  if (!p.columnsInputConnected) return <p className="muted small">Connect the input to pick from its columns.</p>;
  if (!p.columns || p.columns.status === 'loading') return <p className="muted small">Loading columns…</p>;
  if (p.columns.status === 'error') {
    return (
      <p className="muted small">
        Columns unknown ({p.columns.error}).{' '}
        <button type="button" className="link-button" onClick={p.onRefreshColumns}>
          Refresh columns
        </button>
      </p>
    );
  }
  const refresh = (
    <button type="button" className="link-button" onClick={p.onRefreshColumns}>
      Refresh columns
    </button>
  );
  if (p.columns.columns.length === 0) {
    return (
      <p className="muted small">
        {p.columns.problem ? `Columns not known yet (${p.columns.problem}); fix that or run the upstream node.` : 'Columns not known yet: run the upstream node.'} {refresh}
      </p>
    );
  }
  if (p.columns.partial) return <p className="muted small">More columns (e.g. one-hot levels) appear after a run. {refresh}</p>;
  if (p.columns.fromRun) return <p className="muted small">Columns from the last run. {refresh}</p>;
  return null;
}

function ColumnsChecklist(p: { columns: string[]; value: string[]; describedBy: string; commit(value: unknown): void }) {
  const extra = p.value.filter((v) => !p.columns.includes(v));
  const toggle = (name: string, on: boolean) => p.commit(on ? [...p.value.filter((v) => v !== name), name] : p.value.filter((v) => v !== name));
  return (
    <div className="checklist">
      {[...p.columns, ...extra].map((name) => (
        <label key={name} className={extra.includes(name) ? 'stale' : undefined}>
          <input type="checkbox" checked={p.value.includes(name)} onChange={(e) => toggle(name, e.target.checked)} />
          {name}
          {extra.includes(name) ? ' (not in input)' : ''}
        </label>
      ))}
      {p.value.length > 0 && <p className="muted small">Order: {p.value.join(', ')}</p>}
    </div>
  );
}
