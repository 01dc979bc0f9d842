// React Flow's node types, built once at module level so React Flow never sees a new object.
import type { NodeTypes } from '@xyflow/react';
import { NodeCard } from './NodeCard.js';

export const nodeTypes: NodeTypes = { plumb: NodeCard };
