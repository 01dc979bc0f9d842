// Port types: what flows along an edge. A connection is valid only between equal port types.

export const PORT_TYPES = ['table', 'model', 'metrics', 'explanation', 'drift', 'series'] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** File extension used when a port value is written to disk (`--out DIR/<node>/<port>.<ext>`). */
export const PORT_FILE_EXTENSION: Record<PortType, 'csv' | 'json'> = {
  table: 'csv',
  model: 'json',
  metrics: 'json',
  explanation: 'json',
  drift: 'json',
  series: 'json',
};

/** Editor colours per port type, so cards and edges agree. */
export const PORT_COLORS: Record<PortType, string> = {
  table: '#2f7ed8',
  model: '#8e44ad',
  metrics: '#27ae60',
  explanation: '#e67e22',
  drift: '#c0392b',
  series: '#16a085',
};
