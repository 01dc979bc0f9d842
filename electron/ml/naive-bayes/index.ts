// Naive Bayes over mixed numeric (Gaussian) and categorical features.

export {
  fitNaiveBayes,
  jointLogLikelihood,
  naiveBayesDefaults,
  predictNaiveBayes,
  predictProbaNaiveBayes,
  type NaiveBayesModel,
  type NaiveBayesParams,
} from './naive-bayes.js';
