// The data nodes that transform one table: columns, rows, missing values, encodings, scaling, split, sample.
import type { NodeDeclaration } from '../define.js';
import { encode } from './encode.js';
import { filter } from './filter.js';
import { impute } from './impute.js';
import { sample } from './sample.js';
import { scale } from './scale.js';
import { select } from './select.js';
import { split } from './split.js';

export { encode, filter, impute, sample, scale, select, split };

export const dataTransformNodes: readonly NodeDeclaration[] = [select, filter, impute, encode, scale, split, sample];
