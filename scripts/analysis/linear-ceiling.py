#!/usr/bin/env python3
"""Linear-classifier ceiling on validation.jsonl, trained on train.jsonl only.

Hyper-parameters (C / alpha) and decision offsets are chosen by 5-fold stratified
CV on train only. Validation is touched only for final reporting, plus one block
clearly labelled ORACLE (offsets tuned on validation itself, information only).

A measurement for issue 3, not part of Earshot: how far plain linear text classifiers get on this
data, to set the analyzer's figures against. Needs Python 3 with scikit-learn (not a project
dependency):

  python3 -m venv /tmp/ceiling && /tmp/ceiling/bin/pip install scikit-learn numpy
  OMP_NUM_THREADS=1 /tmp/ceiling/bin/python scripts/analysis/linear-ceiling.py [DATA_DIR]

DATA_DIR defaults to ../shared/data/sentiment (train.jsonl, validation.jsonl). About 4 minutes.
"""
import html
import json
import re
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore")
DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/sentiment"
CLASSES = ["negative", "neutral", "positive"]
NEG, NEU, POS = 0, 1, 2
TARGET = dict(macro_recall=0.68, neg_recall=0.75, neg_precision=0.446)
SEED = 0


# ---------------------------------------------------------------- data / prep
_uesc = re.compile(r"\\u([0-9a-fA-F]{4})")
_url = re.compile(r"(https?://\S+|www\.\S+)")
_user = re.compile(r"@\w+")


def prep(t):
    t = _uesc.sub(lambda m: chr(int(m.group(1), 16)), t)   # literal "\u2019" etc.
    t = html.unescape(t)                                      # &amp; &quot; ...
    t = t.replace("\u2019", "'").replace("\u2018", "'")
    t = _url.sub("URL", t)
    t = _user.sub("@user", t)
    return t.lower()


def load(name):
    X, y = [], []
    with open(f"{DATA}/{name}.jsonl") as f:
        for line in f:
            d = json.loads(line)
            X.append(prep(d["text"]))
            y.append(CLASSES.index(d["label"]))
    return np.array(X, dtype=object), np.array(y)


# ---------------------------------------------------------------- features
TOK = r"(?u)[\w']+|[!?]+|[:;=8][\-o']?[()\[\]dpo/\\|*3]|<3"


def word_vec():
    return TfidfVectorizer(ngram_range=(1, 2), token_pattern=TOK, sublinear_tf=True,
                           min_df=1, max_df=0.9, strip_accents=None)


def char_vec():
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                           min_df=2, max_df=0.9)


def word_count_vec():  # raw counts for NB
    return TfidfVectorizer(ngram_range=(1, 2), token_pattern=TOK, use_idf=False,
                           norm=None, min_df=1)


def word_bin_vec():  # binary for NB-SVM
    return TfidfVectorizer(ngram_range=(1, 2), token_pattern=TOK, use_idf=False,
                           norm=None, binary=True, min_df=1)


FEATS = {
    "word": lambda: [word_vec()],
    "word+char": lambda: [word_vec(), char_vec()],
    "count": lambda: [word_count_vec()],
    "bin": lambda: [word_bin_vec()],
}


def featurize(key, tr_text, te_text):
    vs = FEATS[key]()
    Xtr = sp.hstack([v.fit_transform(tr_text) for v in vs]).tocsr()
    Xte = sp.hstack([v.transform(te_text) for v in vs]).tocsr()
    return Xtr, Xte


# ---------------------------------------------------------------- models
class NBSVM:
    """One-vs-rest NB-weighted logistic regression (Wang & Manning 2012 style)."""

    def __init__(self, C=1.0, alpha=1.0):
        self.C, self.alpha = C, alpha

    def fit(self, X, y):
        self.r_, self.clf_ = [], []
        for c in range(len(CLASSES)):
            yc = (y == c).astype(int)
            p = self.alpha + np.asarray(X[yc == 1].sum(0)).ravel()
            q = self.alpha + np.asarray(X[yc == 0].sum(0)).ravel()
            r = np.log((p / p.sum()) / (q / q.sum()))
            clf = LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000,
                                     solver="liblinear")
            clf.fit(X.multiply(r).tocsr(), yc)
            self.r_.append(r)
            self.clf_.append(clf)
        return self

    def decision_function(self, X):
        return np.column_stack([clf.decision_function(X.multiply(r).tocsr())
                                for r, clf in zip(self.r_, self.clf_)])


def make(kind, p):
    if kind == "lr":
        return LogisticRegression(C=p, class_weight="balanced", max_iter=3000,
                                  solver="lbfgs")
    if kind == "svc":
        return LinearSVC(C=p, class_weight="balanced", max_iter=20000)
    if kind == "cnb":
        return ComplementNB(alpha=p)
    if kind == "nbsvm":
        return NBSVM(C=p)
    raise ValueError(kind)


def scores(model, X):
    if isinstance(model, ComplementNB):
        # CNB's joint log-likelihood-like scores; argmax == predict
        return model.predict_joint_log_proba(X) if hasattr(model, "predict_joint_log_proba") \
            else model._joint_log_likelihood(X)
    if isinstance(model, LogisticRegression):
        return model.predict_log_proba(X)
    return model.decision_function(X)


# ---------------------------------------------------------------- metrics
def metrics(y, pred):
    rec = [np.mean(pred[y == c] == c) for c in range(3)]
    npred = np.sum(pred == NEG)
    negp = np.sum((pred == NEG) & (y == NEG)) / npred if npred else 0.0
    return dict(acc=np.mean(pred == y), macro_recall=float(np.mean(rec)),
                neg_precision=float(negp), neg_recall=rec[0], neu_recall=rec[1],
                pos_recall=rec[2])


def meets(m):
    return (m["macro_recall"] >= TARGET["macro_recall"] and m["neg_recall"] >= TARGET["neg_recall"]
            and m["neg_precision"] >= TARGET["neg_precision"])


def offset_grid(S):
    """Offsets added to neg and pos columns (neutral fixed at 0), scaled to score spread."""
    spread = np.std(S[:, NEG] - S[:, NEU]) + np.std(S[:, POS] - S[:, NEU])
    return np.linspace(-3, 3, 81) * spread / 2


def apply_off(S, bn, bp):
    T = S.copy()
    T[:, NEG] += bn
    T[:, POS] += bp
    return T.argmax(1)


def search_offsets(S, y, grid, constraint):
    best, arg = None, (0.0, 0.0)
    for bn in grid:
        for bp in grid:
            m = metrics(y, apply_off(S, bn, bp))
            if constraint(m) and (best is None or m["macro_recall"] > best["macro_recall"]):
                best, arg = m, (bn, bp)
    return best, arg


# ---------------------------------------------------------------- main
def main():
    t0 = time.time()
    Xtr_t, ytr = load("train")
    Xva_t, yva = load("validation")
    print(f"python {sys.version.split()[0]} sklearn {sklearn.__version__} numpy {np.__version__}")
    print("train prior", np.bincount(ytr) / len(ytr), "val prior", np.bincount(yva) / len(yva))

    skf = StratifiedKFold(5, shuffle=True, random_state=SEED)
    folds = list(skf.split(Xtr_t, ytr))

    configs = [  # name, feature key, model kind, grid
        ("(a) LR word1-2", "word", "lr", [0.5, 1, 2, 4, 8, 16]),
        ("(b) LR word1-2+char_wb2-5", "word+char", "lr", [0.5, 1, 2, 4, 8, 16]),
        ("(c) LinearSVC word+char", "word+char", "svc", [0.02, 0.05, 0.1, 0.2, 0.5, 1]),
        ("(d) ComplementNB word1-2", "count", "cnb", [0.1, 0.2, 0.3, 0.5, 1, 2]),
        ("(e) NB-LR word1-2 bin", "bin", "nbsvm", [0.05, 0.1, 0.25, 0.5, 1, 2]),
    ]

    # per-fold feature matrices computed once per feature type (vectorizer fit on fold-train only)
    fold_cache = {}
    for key in sorted({c[1] for c in configs}):
        fold_cache[key] = [featurize(key, Xtr_t[tr], Xtr_t[te]) for tr, te in folds]
        print(f"features {key}: {fold_cache[key][0][0].shape[1]} dims  [{time.time()-t0:.0f}s]",
              flush=True)

    results = []
    for name, key, kind, grid in configs:
        cv = {}
        oof = {}
        for p in grid:
            S = None
            for (tr, te), (Xa, Xb) in zip(folds, fold_cache[key]):
                m = make(kind, p).fit(Xa, ytr[tr])
                s = scores(m, Xb)
                if S is None:
                    S = np.zeros((len(ytr), s.shape[1]))
                S[te] = s
            oof[p] = S
            cv[p] = metrics(ytr, S.argmax(1))["macro_recall"]
        bestp = max(grid, key=lambda p: cv[p])
        S_oof = oof[bestp]
        cvm = metrics(ytr, S_oof.argmax(1))
        Xa, Xb = featurize(key, Xtr_t, Xva_t)
        model = make(kind, bestp).fit(Xa, ytr)
        S_va = scores(model, Xb)
        vm = metrics(yva, S_va.argmax(1))
        print(f"\n{name}: CV macro-recall by param {', '.join(f'{p}:{v:.4f}' for p, v in cv.items())}"
              f" -> best {bestp}  [{time.time()-t0:.0f}s]", flush=True)
        results.append(dict(name=name, param=bestp, cv=cvm, val=vm, S_oof=S_oof, S_va=S_va))

    hdr = f"{'model':28s} {'param':>6s} | {'CVmR':>6s} | {'acc':>6s} {'macroR':>6s} {'negP':>6s} {'negR':>6s} {'neuR':>6s} {'posR':>6s} meets"
    print("\n=== Validation, argmax (no offsets); CVmR = 5-fold CV macro-recall on train ===")
    print(hdr)
    for r in results:
        v = r["val"]
        c = r["cv"]
        print(f"{'  (CV on train, argmax)':28s} {'':>6} | {'':6s} | {c['acc']:.4f} {c['macro_recall']:.4f} "
              f"{c['neg_precision']:.4f} {c['neg_recall']:.4f} {c['neu_recall']:.4f} {c['pos_recall']:.4f} {meets(c)}")
        print(f"{r['name']:28s} {r['param']:>6} | {r['cv']['macro_recall']:.4f} | {v['acc']:.4f} "
              f"{v['macro_recall']:.4f} {v['neg_precision']:.4f} {v['neg_recall']:.4f} "
              f"{v['neu_recall']:.4f} {v['pos_recall']:.4f} {meets(v)}")

    # ---------------- offsets
    def row(tag, m):
        return (f"  {tag:58s} acc {m['acc']:.4f} mR {m['macro_recall']:.4f} negP {m['neg_precision']:.4f} "
                f"negR {m['neg_recall']:.4f} neuR {m['neu_recall']:.4f} posR {m['pos_recall']:.4f} "
                f"meets={meets(m)}")

    best = max(results, key=lambda r: r["cv"]["macro_recall"])
    print(f"\n=== Offsets (added to neg / pos scores; neutral=0). Best-by-CV model: {best['name']} ===")
    for r in results:
        print(f"\n{r['name']}" + ("   <-- best by CV" if r is best else ""))
        grid = offset_grid(r["S_oof"])
        c1 = lambda m: m["neg_recall"] >= TARGET["neg_recall"]
        c3 = meets
        for tag, con in [("CV: max mR s.t. CV negR>=0.75", c1),
                         ("CV: max mR s.t. all 3 targets on CV", c3),
                         ("CV: max mR unconstrained", lambda m: True)]:
            cvb, (bn, bp) = search_offsets(r["S_oof"], ytr, grid, con)
            if cvb is None:
                print(f"  {tag}: infeasible on CV")
                continue
            vm = metrics(yva, apply_off(r["S_va"], bn, bp))
            print(row(f"{tag} (bn={bn:+.3f},bp={bp:+.3f}) CV mR {cvb['macro_recall']:.4f} -> VAL", vm))
        # ORACLE (tuned on validation itself; information only)
        vgrid = offset_grid(r["S_va"])
        ob, (bn, bp) = search_offsets(r["S_va"], yva, vgrid, lambda m: True)
        print(row(f"ORACLE(tuned on VAL): max mR (bn={bn:+.3f},bp={bp:+.3f})", ob))
        mg = r["S_va"][:, NEG] - np.maximum(r["S_va"][:, NEU], r["S_va"][:, POS])
        o = np.argsort(-mg); tp = np.cumsum(yva[o] == NEG); k = np.arange(1, len(o) + 1)
        rc, pr = tp / np.sum(yva == NEG), tp / k
        print(f"  ORACLE(VAL) neg-vs-rest threshold sweep: max negP at negR>=0.75 = {pr[rc >= 0.75].max():.4f}; "
              f"max negR at negP>=0.446 = {rc[pr >= 0.446].max() if (pr >= 0.446).any() else 0:.4f}")
        ob3, a3 = search_offsets(r["S_va"], yva, vgrid, meets)
        if ob3 is None:
            # report the closest: best mR among negR>=0.75 and negP>=0.446
            ob2, a2 = search_offsets(r["S_va"], yva, vgrid,
                                     lambda m: m["neg_recall"] >= 0.75 and m["neg_precision"] >= 0.446)
            print("  ORACLE(tuned on VAL): all 3 targets: INFEASIBLE" +
                  (f"; best mR with negR>=.75 & negP>=.446 = {ob2['macro_recall']:.4f}" if ob2 else
                   "; even negR>=.75 & negP>=.446 jointly infeasible"))
        else:
            print(row(f"ORACLE(tuned on VAL): max mR s.t. all 3 (bn={a3[0]:+.3f},bp={a3[1]:+.3f})", ob3))
    print(f"\ntotal {time.time()-t0:.0f}s")


if __name__ == "__main__":
    main()
