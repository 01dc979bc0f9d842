// Registry of the table transform node implementations (matches shared/catalog/data/transform.ts).
import { encodeNode } from './encode.js';
import { filterNode } from './filter.js';
import { imputeNode } from './impute.js';
import { sampleNode } from './sample.js';
import { scaleNode } from './scale.js';
import { selectNode } from './select.js';
import { splitNode } from './split.js';

export const dataTransformImplementations = [selectNode, filterNode, imputeNode, encodeNode, scaleNode, splitNode, sampleNode] as const;
