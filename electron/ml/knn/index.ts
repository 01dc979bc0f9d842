// k-nearest neighbours: exact search (KD-tree or blocked brute force) and the model built on it.

export { fitKnn, knnDefaults, knnNeighbors, predictKnn, predictProbaKnn, type KnnModel, type KnnParams } from './knn.js';
export { bruteForceNeighbors, buildKdTree, kdTreeNeighbors, KD_TREE_MAX_DIMS, nearestNeighbors, type KdTree, type Neighbors } from './neighbors.js';
