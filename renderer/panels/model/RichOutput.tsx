// JSON outputs with a dedicated view (metrics charts, model card, SHAP, LIME, permutation importance, PDP); the
// generic table view stays one click away. Loaded lazily with the charting library.
import { memo, type ReactNode } from 'react';
import type { PortType } from '../../../shared/catalog/ports.js';
import { CounterfactualPanel } from '../explain/CounterfactualPanel.js';
import { explanationKind } from '../explain/explain-data.js';
import { InteractionsPanel } from '../explain/InteractionsPanel.js';
import { LimePanel } from '../explain/LimePanel.js';
import { PdpPanel } from '../explain/PdpPanel.js';
import { PermutationPanel } from '../explain/PermutationPanel.js';
import { ShapPanel } from '../explain/ShapPanel.js';
import { JsonView } from '../JsonView.js';
import { extraMetricsPanel } from '../monitor/extra-metrics.js';
import { MetricsPanel } from './MetricsPanel.js';
import { ModelSummary } from './ModelSummary.js';

export const RichOutput = memo(function RichOutput({ value, portType, node, port }: { value: unknown; portType: PortType; node: string; port: string }) {
  let rich: ReactNode = null;
  if (portType === 'metrics') rich = extraMetricsPanel(value) ?? <MetricsPanel value={value} node={node} />;
  else if (portType === 'model') rich = <ModelSummary value={value} node={node} />;
  else if (portType === 'explanation') {
    const kind = explanationKind(value);
    if (kind === 'shap') rich = <ShapPanel value={value} />;
    else if (kind === 'lime') rich = <LimePanel value={value} />;
    else if (kind === 'permutation') rich = <PermutationPanel value={value} />;
    else if (kind === 'pdp') rich = <PdpPanel value={value} />;
    else if (kind === 'interactions') rich = <InteractionsPanel value={value} />;
    else if (kind === 'counterfactuals') rich = <CounterfactualPanel value={value} />;
  }
  if (!rich) return <JsonView value={value} label={`${port} of ${node}`} />;
  return (
    <div className="rich-output">
      {rich}
      <details className="json-details">
        <summary>As a table</summary>
        <JsonView value={value} label={`${port} of ${node}`} />
      </details>
    </div>
  );
});

