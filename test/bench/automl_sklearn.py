# The scikit-learn side of test/bench/automl.bench.ts: writes the three generated datasets (train/test CSV) when
# asked to, or runs HalvingRandomSearchCV over HistGradientBoosting* with the given candidate count, factor 3 and
# folds on one dataset, printing one JSON line {test_metric, seconds}. Run by the bench with /usr/bin/python3.
import json, sys, time
import numpy as np
from scipy.stats import loguniform, randint
from sklearn.datasets import make_classification, make_regression
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import log_loss, mean_squared_error, roc_auc_score
from sklearn.model_selection import HalvingRandomSearchCV, KFold, StratifiedKFold

N_TRAIN, N_TEST = 12000, 4000

def write(folder):
    sets = {
        'binary': make_classification(N_TRAIN + N_TEST, 12, n_informative=6, n_redundant=2, flip_y=0.05, class_sep=0.8, random_state=1),
        'multiclass': make_classification(N_TRAIN + N_TEST, 12, n_informative=7, n_classes=4, n_clusters_per_class=2, flip_y=0.03, random_state=2),
        'regression': make_regression(N_TRAIN + N_TEST, 12, n_informative=8, noise=15.0, random_state=3),
    }
    for name, (X, y) in sets.items():
        if name == 'regression':
            y = y + 0.02 * X[:, 0] * y  # a little non-linearity
        for part, rows in (('train', slice(0, N_TRAIN)), ('test', slice(N_TRAIN, None))):
            with open(f'{folder}/{name}_{part}.csv', 'w') as f:
                f.write(','.join([f'x{j}' for j in range(X.shape[1])] + ['y']) + '\n')
                for xi, yi in zip(X[rows], y[rows]):
                    label = f'c{int(yi)}' if name != 'regression' else repr(float(yi))
                    f.write(','.join(repr(float(v)) for v in xi) + ',' + label + '\n')

def read(path):
    data = np.genfromtxt(path, delimiter=',', skip_header=1, dtype=str)
    return data[:, :-1].astype(float), data[:, -1]

def search(folder, name, n_candidates, folds):
    X, y = read(f'{folder}/{name}_train.csv')
    Xt, yt = read(f'{folder}/{name}_test.csv')
    space = {'learning_rate': loguniform(0.01, 0.3), 'max_leaf_nodes': randint(8, 65), 'min_samples_leaf': randint(5, 101), 'l2_regularization': loguniform(1e-4, 10)}
    if name == 'regression':
        y, yt = y.astype(float), yt.astype(float)
        est, cv, scoring = HistGradientBoostingRegressor(random_state=0), KFold(folds), 'neg_root_mean_squared_error'
    else:
        est, cv = HistGradientBoostingClassifier(random_state=0), StratifiedKFold(folds)
        scoring = 'roc_auc' if name == 'binary' else 'neg_log_loss'
    started = time.perf_counter()
    s = HalvingRandomSearchCV(est, space, n_candidates=n_candidates, factor=3, min_resources='exhaust', cv=cv, scoring=scoring, random_state=0, n_jobs=2)
    s.fit(X, y)
    seconds = time.perf_counter() - started
    if name == 'regression':
        metric = mean_squared_error(yt, s.predict(Xt)) ** 0.5
    elif name == 'binary':
        metric = roc_auc_score(yt, s.predict_proba(Xt)[:, list(s.classes_).index('c1')])
    else:
        metric = log_loss(yt, s.predict_proba(Xt), labels=s.classes_)
    print(json.dumps({'test_metric': metric, 'seconds': seconds, 'best_params': {k: float(v) for k, v in s.best_params_.items()},
                      'n_resources': [int(r) for r in s.n_resources_], 'n_candidates': [int(c) for c in s.n_candidates_]}))

if __name__ == '__main__':
    if sys.argv[1] == 'write':
        write(sys.argv[2])
    else:
        search(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
