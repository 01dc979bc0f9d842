// Alerts raised by monitoring (drift, degraded performance) for the user to see and acknowledge.
import { PlumbError } from '../../shared/errors.js';
import { withKnownRun, write, type StoreContext } from './db.js';

export type AlertLevel = 'info' | 'warning' | 'error';

export interface Alert {
  id: number;
  createdAt: string;
  level: AlertLevel;
  message: string;
  runId: string | null;
  nodeId: string | null;
  acknowledged: boolean;
}

export interface Alerts {
  add(alert: { level: AlertLevel; message: string; runId?: string; nodeId?: string }): Alert;
  /** Newest first. */
  list(filter?: { unacknowledged?: boolean; runId?: string; limit?: number }): Alert[];
  acknowledge(id: number): void;
}

interface AlertRow extends Omit<Alert, 'acknowledged'> {
  acknowledged: 0 | 1;
}

const COLUMNS = 'id, created_at AS createdAt, level, message, run_id AS runId, node_id AS nodeId, acknowledged';

export function alertsOf({ db, path, now }: StoreContext): Alerts {
  const insert = db.prepare('INSERT INTO alerts (created_at, level, message, run_id, node_id) VALUES (?, ?, ?, ?, ?)');
  const selectOne = db.prepare(`SELECT ${COLUMNS} FROM alerts WHERE id = ?`);
  const selectMany = db.prepare(`
    SELECT ${COLUMNS} FROM alerts
    WHERE (@unacknowledged = 0 OR acknowledged = 0) AND (@runId IS NULL OR run_id = @runId)
    ORDER BY created_at DESC, id DESC LIMIT @limit`);
  const markAcknowledged = db.prepare('UPDATE alerts SET acknowledged = 1 WHERE id = ?');

  const alertOf = (row: AlertRow): Alert => ({ ...row, acknowledged: row.acknowledged === 1 });

  return {
    add({ level, message, runId, nodeId }) {
      return withKnownRun(path, runId ?? '', () =>
        write(db, () => {
          const id = insert.run(now(), level, message, runId ?? null, nodeId ?? null).lastInsertRowid;
          return alertOf(selectOne.get(id) as AlertRow);
        }),
      );
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
        if (markAcknowledged.run(id).changes === 0) throw new PlumbError('invalid_input', `no alert ${id}`, { file: path });
      });
    },
  };
}
