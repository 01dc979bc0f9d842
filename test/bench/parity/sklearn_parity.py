"""Trains scikit-learn's equivalents of Plumb's models on the very train/test CSVs Plumb used and prints
test accuracy (classification) or R² (regression) as JSON. Called by test/bench/parity.bench.ts."""
import json
import sys
import time

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

train_path, test_path, target, task, models = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split(",")
train, test = pd.read_csv(train_path), pd.read_csv(test_path)
X, y = train.drop(columns=[target]).astype(float), train[target]
Xt, yt = test.drop(columns=[target]).astype(float), test[target]
classification = task == "classification"
if classification:
    y, yt = y.astype(str), yt.astype(str)

factories = {
    "linear_regression": lambda: make_pipeline(StandardScaler(), LinearRegression()),
    "logistic_regression": lambda: make_pipeline(StandardScaler(), LogisticRegression()),
    "decision_tree": lambda: (DecisionTreeClassifier if classification else DecisionTreeRegressor)(random_state=0),
    "random_forest": lambda: RandomForestClassifier(random_state=0, n_jobs=2) if classification else RandomForestRegressor(max_features="sqrt", random_state=0, n_jobs=2),
    "gradient_boosting": lambda: (HistGradientBoostingClassifier if classification else HistGradientBoostingRegressor)(random_state=0),
    "knn": lambda: make_pipeline(StandardScaler(), (KNeighborsClassifier if classification else KNeighborsRegressor)()),
    "naive_bayes": lambda: GaussianNB(),
    "mlp": lambda: make_pipeline(StandardScaler(), (MLPClassifier if classification else MLPRegressor)(random_state=0)),
}
out = {}
for name in models:
    model = factories[name]()
    X_fit = X.fillna(X.mean())
    started = time.perf_counter()
    model.fit(X_fit, y)
    seconds = time.perf_counter() - started
    pred = model.predict(Xt.fillna(X.mean()))
    out[name] = {"score": float(accuracy_score(yt, pred) if classification else r2_score(yt, pred)), "seconds": seconds}
print(json.dumps(out))
