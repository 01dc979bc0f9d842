// Alerts raised by monitoring (drift, degraded performance) for the user to see and acknowledge, with the
// rule that fired, its evidence and the retraining run started for it.
import { PlumbError } from '../../shared/errors.js';
import { fromJson, toJson, withKnownRun, write, type StoreContext } from './db.js';

export type AlertLevel = 'info' | 'warning' | 'error';

export interface Alert {
  id: number;
  createdAt: string;
  level: AlertLevel;
  message: string;
  runId: string | null;
  nodeId: string | null;
  acknowledged: boolean;
  rule: string | null;
  /** The values the rule read (JSON), undefined when none were stored. */
  evidence: unknown;
  retrainPipeline: string | null;
  retrainRunId: string | null;
}

export interface NewAlert {
  level: AlertLevel;
  message: string;
  runId?: string;
  nodeId?: string;
  rule?: string;
  evidence?: unknown;
  retrainPipeline?: string;
}

export interface Alerts {
  add(alert: NewAlert): Alert;
  get(id: number): Alert | undefined;
  /** Newest first. */
  list(filter?: { unacknowledged?: boolean; runId?: string; limit?: number }): Alert[];
  acknowledge(id: number): void;
  /** Links the retraining run started for an alert; false when it already has one (the first link wins). */
  linkRetrainRun(id: number, runId: string): boolean;
}

interface AlertRow extends Omit<Alert, 'acknowledged' | 'evidence'> {
  acknowledged: 0 | 1;
  evidence: string | null;
}

const COLUMNS =
  'id, created_at AS createdAt, level, message, run_id AS runId, node_id AS nodeId, acknowledged, rule, evidence, ' +
  'retrain_pipeline AS retrainPipeline, retrain_run_id AS retrainRunId';

export function alertsOf({ db, path, now }: StoreContext): Alerts {
  const insert = db.prepare('INSERT INTO alerts (created_at, level, message, run_id, node_id, rule, evidence, retrain_pipeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const selectOne = db.prepare(`SELECT ${COLUMNS} FROM alerts WHERE id = ?`);
  const selectMany = db.prepare(`
    SELECT ${COLUMNS} FROM alerts
    WHERE (@unacknowledged = 0 OR acknowledged = 0) AND (@runId IS NULL OR run_id = @runId)
    ORDER BY created_at DESC, id DESC LIMIT @limit`);
  const markAcknowledged = db.prepare('UPDATE alerts SET acknowledged = 1 WHERE id = ?');
  const setRetrainRun = db.prepare('UPDATE alerts SET retrain_run_id = ? WHERE id = ? AND retrain_run_id IS NULL');

  const alertOf = (row: AlertRow): Alert => ({ ...row, acknowledged: row.acknowledged === 1, evidence: fromJson(row.evidence) });
  const noAlert = (id: number) => new PlumbError('invalid_input', `no alert ${id}`, { file: path });

  return {
    add({ level, message, runId, nodeId, rule, evidence, retrainPipeline }) {
      return withKnownRun(path, runId ?? '', () =>
        write(db, () => {
          const id = insert.run(now(), level, message, runId ?? null, nodeId ?? null, rule ?? null, toJson(evidence), retrainPipeline ?? null).lastInsertRowid;
          return alertOf(selectOne.get(id) as AlertRow);
        }),
      );
    },
    get(id) {
      const row = selectOne.get(id) as AlertRow | undefined;
      return row && alertOf(row);
    },
    list: (filter = {}) =>
      (
        selectMany.all({
          unacknowledged: filter.unacknowledged ? 1 : 0,
          runId: filter.runId ?? null,
          limit: filter.limit ?? -1,
        }) as AlertRow[]
      ).map(alertOf),
    acknowledge(id) {
      write(db, () => {
        if (markAcknowledged.run(id).changes === 0) throw noAlert(id);
      });
    },
    linkRetrainRun(id, runId) {
      return withKnownRun(path, runId, () =>
        write(db, () => {
          if (!selectOne.get(id)) throw noAlert(id);
          return setRetrainRun.run(runId, id).changes === 1;
        }),
      );
    },
  };
}
