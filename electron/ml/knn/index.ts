// k-nearest neighbours: exact brute-force search and the model built on it.

export { fitKnn, knnDefaults, knnNeighbors, predictKnn, predictProbaKnn, type KnnModel, type KnnParams } from './knn.js';
export { nearestNeighbors, type Neighbors } from './neighbors.js';
