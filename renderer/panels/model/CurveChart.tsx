// One model's curve on [0, 1] × [0, 1] (ROC, precision–recall, calibration) with an optional reference diagonal.
import { memo, useMemo } from 'react';
import { UnitCurves } from '../UnitCurves.js';
import type { Curve } from './metrics-data.js';

interface Props {
  title: string;
  label: string;
  curve: Curve;
  xLabel: string;
  yLabel: string;
  diagonal?: boolean;
  dots?: boolean;
}

export const CurveChart = memo(function CurveChart({ curve, yLabel, ...chart }: Props) {
  const curves = useMemo(() => [{ name: yLabel, x: curve.x, y: curve.y }], [curve, yLabel]);
  return <UnitCurves {...chart} yLabel={yLabel} curves={curves} width={300} legend={false} />;
});
