#!/usr/bin/python3
"""Generates test/fixtures/reference/torch-activations.json: f(x) and autograd f'(x) in float64 for every
PyTorch activation in the catalog, on a dense grid with kinks and far tails, for default and non-default
parameters, plus the signatures (parameter names and defaults) of the torch.nn classes and
torch.nn.functional functions.

Run with Debian's python3 (python3-torch):  /usr/bin/python3 scripts/reference/gen_torch_reference.py
Vector activations are evaluated along logit 0 of a row [x, 0, ..., 0] of length `logits` (the catalog's view);
GLU along the gate half of [a, x].
"""
import inspect
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'reference', 'torch-activations.json')

# Dense grid: every 0.1 on [-10, 10] (exact decimals such as 0.5, 2.5, 3 and 6 included), small values near 0,
# and far tails where naive formulas overflow or cancel.
BASE = sorted(set([k / 10 for k in range(-100, 101)] + [s * v for s in (-1, 1) for v in (
    1e-12, 1e-9, 1e-6, 1e-3, 12.5, 15, 19.999, 20, 20.001, 25, 30, 40, 50, 100, 500, 709, 710, 1000, 1e4)]))


def grid(extra):
    """The base grid plus each extra point and its immediate neighbours (kinks that depend on parameters)."""
    pts = set(BASE)
    for p in extra:
        for d in (0.0, -1e-9, 1e-9, -1e-6, 1e-6):
            pts.add(p + d)
    return sorted(pts)


def elementwise(fn):
    def run(xs, params):
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        y = fn(x, params)
        (g,) = torch.autograd.grad(y.sum(), x)
        return y.detach().tolist(), g.tolist()
    return run


def along_logit(fn):
    """Output 0 of fn applied to rows [x, 0, ..., 0] of length params['logits'], derivative wrt x."""
    def run(xs, params):
        n = int(params.get('logits', 3))
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        rest = torch.zeros(len(xs), n - 1, dtype=torch.float64)
        y = fn(torch.cat([x.unsqueeze(1), rest], dim=1))[:, 0]
        (g,) = torch.autograd.grad(y.sum(), x)
        return y.detach().tolist(), g.tolist()
    return run


def glu_gate(xs, params):
    a = float(params.get('a', 1.0))
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = F.glu(torch.stack([torch.full_like(x, a), x], dim=1), dim=1)[:, 0]
    (g,) = torch.autograd.grad(y.sum(), x)
    return y.detach().tolist(), g.tolist()


def module(cls, **fixed):
    """Instantiates torch.nn.<cls>(**params) in eval mode (RReLU: mean slope) in float64."""
    def fn(x, params):
        kwargs = {k: v for k, v in params.items() if k not in ('logits', 'a')}
        m = getattr(nn, cls)(**kwargs, **fixed).double().eval()
        return m(x)
    return fn


def functional(name):
    def fn(x, params):
        return getattr(F, name)(x, **params)
    return fn


# (catalog name, API used, params as the catalog spells them, runner, extra kink points)
CASES = [
    ('relu', 'torch.nn.functional.relu', {}, elementwise(functional('relu')), []),
    ('relu', 'torch.relu', {}, elementwise(lambda x, p: torch.relu(x)), []),
    ('leaky_relu', 'torch.nn.functional.leaky_relu', {}, elementwise(functional('leaky_relu')), []),
    ('leaky_relu', 'torch.nn.functional.leaky_relu', {'negative_slope': 0.2}, elementwise(functional('leaky_relu')), []),
    ('leaky_relu', 'torch.nn.LeakyReLU', {'negative_slope': 0.3}, elementwise(module('LeakyReLU')), []),
    ('prelu', 'torch.nn.PReLU', {}, elementwise(module('PReLU')), []),
    ('prelu', 'torch.nn.PReLU', {'init': 0.1}, elementwise(module('PReLU')), []),
    ('rrelu', 'torch.nn.RReLU', {}, elementwise(module('RReLU')), []),
    ('rrelu', 'torch.nn.RReLU', {'lower': 0.1, 'upper': 0.3}, elementwise(module('RReLU')), []),
    ('rrelu', 'torch.nn.functional.rrelu', {'lower': 0.2, 'upper': 0.4}, elementwise(functional('rrelu')), []),
    ('relu6', 'torch.nn.functional.relu6', {}, elementwise(functional('relu6')), [6]),
    ('elu', 'torch.nn.functional.elu', {}, elementwise(functional('elu')), []),
    ('elu', 'torch.nn.functional.elu', {'alpha': 0.5}, elementwise(functional('elu')), []),
    ('elu', 'torch.nn.ELU', {'alpha': 2.0}, elementwise(module('ELU')), []),
    ('selu', 'torch.nn.functional.selu', {}, elementwise(functional('selu')), []),
    ('celu', 'torch.nn.functional.celu', {}, elementwise(functional('celu')), []),
    ('celu', 'torch.nn.functional.celu', {'alpha': 2.0}, elementwise(functional('celu')), []),
    ('celu', 'torch.nn.CELU', {'alpha': 0.5}, elementwise(module('CELU')), []),
    ('gelu', 'torch.nn.functional.gelu', {}, elementwise(functional('gelu')), []),
    ('gelu', 'torch.nn.functional.gelu', {'approximate': 'tanh'}, elementwise(functional('gelu')), []),
    ('gelu', 'torch.nn.GELU', {'approximate': 'none'}, elementwise(module('GELU')), []),
    ('silu', 'torch.nn.functional.silu', {}, elementwise(functional('silu')), []),
    ('mish', 'torch.nn.functional.mish', {}, elementwise(functional('mish')), []),
    ('sigmoid', 'torch.sigmoid', {}, elementwise(lambda x, p: torch.sigmoid(x)), []),
    ('sigmoid', 'torch.nn.Sigmoid', {}, elementwise(module('Sigmoid')), []),
    ('hard_sigmoid', 'torch.nn.functional.hardsigmoid', {}, elementwise(functional('hardsigmoid')), [-3, 3]),
    ('tanh', 'torch.tanh', {}, elementwise(lambda x, p: torch.tanh(x)), []),
    ('hardtanh', 'torch.nn.functional.hardtanh', {}, elementwise(functional('hardtanh')), [-1, 1]),
    ('hardtanh', 'torch.nn.functional.hardtanh', {'min_val': -2.0, 'max_val': 3.0}, elementwise(functional('hardtanh')), [-2, 3]),
    ('softmax', 'torch.nn.functional.softmax', {'logits': 3}, along_logit(lambda x: F.softmax(x, dim=1)), []),
    ('softmax', 'torch.nn.functional.softmax', {'logits': 2}, along_logit(lambda x: F.softmax(x, dim=1)), []),
    ('softmax', 'torch.nn.functional.softmax', {'logits': 10}, along_logit(lambda x: F.softmax(x, dim=1)), []),
    ('log_softmax', 'torch.nn.functional.log_softmax', {'logits': 3}, along_logit(lambda x: F.log_softmax(x, dim=1)), []),
    ('log_softmax', 'torch.nn.functional.log_softmax', {'logits': 2}, along_logit(lambda x: F.log_softmax(x, dim=1)), []),
    ('softmin', 'torch.nn.functional.softmin', {'logits': 3}, along_logit(lambda x: F.softmin(x, dim=1)), []),
    ('softmin', 'torch.nn.functional.softmin', {'logits': 2}, along_logit(lambda x: F.softmin(x, dim=1)), []),
    ('softplus', 'torch.nn.functional.softplus', {}, elementwise(functional('softplus')), []),
    ('softplus', 'torch.nn.functional.softplus', {'beta': 2.0, 'threshold': 10.0}, elementwise(functional('softplus')), [5]),
    ('softplus', 'torch.nn.Softplus', {'beta': 0.5}, elementwise(module('Softplus')), [40]),
    ('softsign', 'torch.nn.functional.softsign', {}, elementwise(functional('softsign')), []),
    ('hardswish', 'torch.nn.functional.hardswish', {}, elementwise(functional('hardswish')), [-3, 3]),
    ('threshold', 'torch.nn.functional.threshold', {'threshold': 0.5, 'value': -1.0}, elementwise(functional('threshold')), [0.5]),
    ('threshold', 'torch.nn.Threshold', {'threshold': 0.0, 'value': 0.0}, elementwise(module('Threshold')), []),
    ('glu', 'torch.nn.functional.glu', {'a': 1.0}, glu_gate, []),
    ('glu', 'torch.nn.functional.glu', {'a': -2.0}, glu_gate, []),
    ('logsigmoid', 'torch.nn.functional.logsigmoid', {}, elementwise(functional('logsigmoid')), []),
    ('tanhshrink', 'torch.nn.functional.tanhshrink', {}, elementwise(functional('tanhshrink')), []),
    ('softshrink', 'torch.nn.functional.softshrink', {}, elementwise(functional('softshrink')), [-0.5, 0.5]),
    ('softshrink', 'torch.nn.functional.softshrink', {'lambd': 1.5}, elementwise(functional('softshrink')), [-1.5, 1.5]),
    ('hardshrink', 'torch.nn.functional.hardshrink', {}, elementwise(functional('hardshrink')), [-0.5, 0.5]),
    ('hardshrink', 'torch.nn.Hardshrink', {'lambd': 1.5}, elementwise(module('Hardshrink')), [-1.5, 1.5]),
]

MODULES = ['ReLU', 'LeakyReLU', 'PReLU', 'RReLU', 'ReLU6', 'ELU', 'SELU', 'CELU', 'GELU', 'SiLU', 'Mish', 'Sigmoid',
           'Hardsigmoid', 'Tanh', 'Hardtanh', 'Softmax', 'LogSoftmax', 'Softmin', 'Softplus', 'Softsign', 'Hardswish',
           'Threshold', 'GLU', 'LogSigmoid', 'Tanhshrink', 'Softshrink', 'Hardshrink', 'Softmax2d']
FUNCTIONS = ['relu', 'leaky_relu', 'prelu', 'rrelu', 'relu6', 'elu', 'selu', 'celu', 'gelu', 'silu', 'mish', 'sigmoid',
             'hardsigmoid', 'tanh', 'hardtanh', 'softmax', 'log_softmax', 'softmin', 'softplus', 'softsign', 'hardswish',
             'threshold', 'glu', 'logsigmoid', 'tanhshrink', 'softshrink', 'hardshrink']


def encode(v):
    """JSON has no inf/NaN: strings stand in for them."""
    if isinstance(v, float) and not math.isfinite(v):
        return 'nan' if math.isnan(v) else ('inf' if v > 0 else '-inf')
    return v


def signature(obj, drop_self=False):
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None  # C builtins (F.softplus, F.gelu, ...) expose no signature
    params = list(sig.parameters.values())[1 if drop_self else 0:]
    return [{'name': p.name, **({} if p.default is inspect.Parameter.empty else {'default': p.default})} for p in params]


def main():
    signatures = {}
    for m in MODULES:
        signatures['torch.nn.' + m] = signature(getattr(nn, m).__init__, drop_self=True)
    for f in FUNCTIONS:
        signatures['torch.nn.functional.' + f] = signature(getattr(F, f))
    cases = []
    for name, api, params, run, kinks in CASES:
        extra = list(kinks) + [v for v in params.values() if isinstance(v, float)] + [-v for v in params.values() if isinstance(v, float)]
        xs = grid(extra)
        ys, dys = run(xs, params)
        cases.append({'name': name, 'api': api, 'params': params, 'x': xs, 'y': [encode(v) for v in ys], 'dy': [encode(v) for v in dys]})
    doc = {
        'generator': 'scripts/reference/gen_torch_reference.py',
        'torch': torch.__version__,
        'python': sys.version.split()[0],
        'dtype': 'float64',
        'note': 'Vector activations: output 0 of rows [x, 0, ..., 0] of length logits; glu: gate half of [a, x]. RReLU modules in eval mode.',
        'signatures': signatures,
        'cases': cases,
    }
    with open(OUT, 'w') as fh:
        json.dump(doc, fh, allow_nan=False, separators=(',', ':'))
        fh.write('\n')
    print(f'wrote {len(cases)} cases to {os.path.relpath(OUT, ROOT)}')


if __name__ == '__main__':
    main()
