#!/usr/bin/python3
"""Generates test/fixtures/reference/torch-signal.json: for each of about 50 models (MLPs and CNNs, depth 2 to 50,
widths 64 to 1024, the common activations, default and explicit initialisation, BatchNorm, LayerNorm, Dropout,
AlphaDropout, pooling and residual additions), the measured mean and standard deviation of every layer's output
and the root-mean-square gradient at every layer's output relative to the model's last output, at initialisation.

Inputs are i.i.d. N(0, 1); an i.i.d. N(0, 1) gradient is sent back from the last output (backward(randn_like)).
Every module is in training mode (BatchNorm uses batch statistics, Dropout drops). Several seeds: std and mean are
averaged, gradient ratios are averaged in log space; the spread over seeds is kept too.

Run with Debian's python3 (python3-torch):  npm run reference:signal  (or name models to re-measure only those)
The model specs are written into the fixture, so the unit tests rebuild each model's layer list from it and never
run torch. Bounded: a few minutes on 2 cores.
"""
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'reference', 'torch-signal.json')
torch.set_num_threads(int(os.environ.get('SIGNAL_THREADS', '2')))

# Catalog name -> torch module for the activation spec {"name": ..., "params": {...}} (torch parameter names).
ACTIVATIONS = {
    'relu': lambda p: nn.ReLU(), 'leaky_relu': lambda p: nn.LeakyReLU(**p), 'relu6': lambda p: nn.ReLU6(),
    'prelu': lambda p: nn.PReLU(), 'elu': lambda p: nn.ELU(**p), 'selu': lambda p: nn.SELU(), 'celu': lambda p: nn.CELU(**p),
    'gelu': lambda p: nn.GELU(**p), 'silu': lambda p: nn.SiLU(), 'mish': lambda p: nn.Mish(), 'softplus': lambda p: nn.Softplus(**p),
    'sigmoid': lambda p: nn.Sigmoid(), 'tanh': lambda p: nn.Tanh(), 'hardtanh': lambda p: nn.Hardtanh(**p),
    'softsign': lambda p: nn.Softsign(), 'hard_sigmoid': lambda p: nn.Hardsigmoid(), 'logsigmoid': lambda p: nn.LogSigmoid(),
    'hardswish': lambda p: nn.Hardswish(), 'tanhshrink': lambda p: nn.Tanhshrink(), 'linear': lambda p: nn.Identity(),
}


def keras_truncated(w, scale, fan):
    """Keras VarianceScaling(distribution='truncated_normal'): N(0, s) cut at 2s, s = sqrt(scale / fan) / 0.8796..."""
    s = math.sqrt(scale / fan) / 0.87962566103423978
    nn.init.trunc_normal_(w, 0.0, s, -2 * s, 2 * s)


def fans(w):
    receptive = w[0][0].numel() if w.dim() > 2 else 1
    return w.shape[1] * receptive, w.shape[0] * receptive


def init_weight(w, spec):
    fn = spec['fn']
    fan_in, fan_out = fans(w)
    if fn == 'kaiming_normal_':
        nn.init.kaiming_normal_(w, a=spec.get('a', 0), mode=spec.get('mode', 'fan_in'), nonlinearity=spec.get('nonlinearity', 'leaky_relu'))
    elif fn == 'kaiming_uniform_':
        nn.init.kaiming_uniform_(w, a=spec.get('a', 0), mode=spec.get('mode', 'fan_in'), nonlinearity=spec.get('nonlinearity', 'leaky_relu'))
    elif fn == 'xavier_uniform_':
        nn.init.xavier_uniform_(w, gain=spec.get('gain', 1.0))
    elif fn == 'xavier_normal_':
        nn.init.xavier_normal_(w, gain=spec.get('gain', 1.0))
    elif fn == 'normal_':
        nn.init.normal_(w, 0.0, spec['std'])
    elif fn == 'uniform_':
        nn.init.uniform_(w, spec['a'], spec['b'])
    elif fn == 'trunc_normal_':
        nn.init.trunc_normal_(w, 0.0, spec['std'], spec.get('a', -2.0), spec.get('b', 2.0))
    elif fn == 'orthogonal_':
        nn.init.orthogonal_(w, gain=spec.get('gain', 1.0))
    elif fn == 'glorot_uniform':  # Keras
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        nn.init.uniform_(w, -limit, limit)
    elif fn == 'glorot_normal':
        keras_truncated(w, 1.0, (fan_in + fan_out) / 2)
    elif fn == 'he_normal':
        keras_truncated(w, 2.0, fan_in)
    elif fn == 'he_uniform':
        limit = math.sqrt(6.0 / fan_in)
        nn.init.uniform_(w, -limit, limit)
    elif fn == 'lecun_normal':
        keras_truncated(w, 1.0, fan_in)
    elif fn == 'variance_scaling':  # Keras VarianceScaling(scale, mode), truncated normal by default
        fan = {'fan_in': fan_in, 'fan_out': fan_out, 'fan_avg': (fan_in + fan_out) / 2}[spec.get('mode', 'fan_in')]
        keras_truncated(w, spec.get('scale', 1.0), fan)
    else:
        raise ValueError(fn)


def init_bias(b, spec):
    if spec == 'default':
        return
    if spec == 'zeros':
        nn.init.zeros_(b)
    elif isinstance(spec, dict) and 'constant' in spec:
        nn.init.constant_(b, spec['constant'])
    else:
        raise ValueError(spec)


def build(layers, conv):
    mods = []
    for l in layers:
        k = l['kind']
        if k == 'linear':
            m = nn.Linear(l['in'], l['out'])
        elif k == 'conv':
            m = nn.Conv2d(l['in'], l['out'], l['k'], stride=l.get('stride', 1), padding=0)
        elif k == 'activation':
            m = ACTIVATIONS[l['name']](l.get('params', {}))
        elif k == 'batchnorm':
            m = nn.BatchNorm2d(l['features']) if conv else nn.BatchNorm1d(l['features'])
        elif k == 'layernorm':
            m = nn.LayerNorm(l['features'])
        elif k == 'dropout':
            m = nn.Dropout(l['p'])
        elif k == 'alpha_dropout':
            m = nn.AlphaDropout(l['p'])
        elif k == 'maxpool':
            m = nn.MaxPool2d(l['k'])
        elif k == 'avgpool':
            m = nn.AvgPool2d(l['k'])
        elif k == 'flatten':
            m = nn.Flatten()
        elif k == 'add':
            m = nn.Identity()
        else:
            raise ValueError(k)
        if k in ('linear', 'conv'):
            if l.get('init'):
                init_weight(m.weight, l['init'])
            init_bias(m.bias, l.get('bias', 'default'))
        mods.append(m)
    return nn.ModuleList(mods)


def measure(spec, seed):
    torch.manual_seed(seed)
    layers = spec['layers']
    mods = build(layers, spec['input'].get('spatial') is not None)
    mods.train()
    shape = [spec['batch'], spec['input']['features']]
    if spec['input'].get('spatial'):
        shape += [spec['input']['spatial']] * 2
    x = torch.randn(*shape)
    outs = []
    h = x
    for l, m in zip(layers, mods):
        if l['kind'] == 'add':
            h = h + (x if l['from'] < 0 else outs[l['from']])
        else:
            h = m(h)
        h.retain_grad()
        outs.append(h)
    g = torch.randn_like(h)
    h.backward(g)
    last = outs[-1].grad.pow(2).mean().sqrt().item()
    return [{
        'mean': o.detach().mean().item(), 'std': o.detach().std().item(),
        'grad': o.grad.pow(2).mean().sqrt().item() / last,
    } for o in outs]


def aggregate(runs):
    out = []
    for i in range(len(runs[0])):
        stds = [r[i]['std'] for r in runs]
        grads = [r[i]['grad'] for r in runs]
        out.append({
            'mean': sum(r[i]['mean'] for r in runs) / len(runs),
            'std': sum(stds) / len(stds), 'stdRange': [min(stds), max(stds)],
            'grad': math.exp(sum(math.log(g) for g in grads) / len(grads)) if min(grads) > 0 else 0.0,
            'gradRange': [min(grads), max(grads)],
        })
    return out


# ---- model specs -------------------------------------------------------------------------------------------------

def act(name, **params):
    return {'kind': 'activation', 'name': name, 'params': params}


def mlp(name, family, act_name, depth, width, init=None, bias='default', norm=None, dropout=None, alpha_dropout=None,
        in_features=None, act_params=None, batch=256, out_features=None):
    """depth Linear layers; every hidden one followed by [norm] activation [dropout]; the last Linear is the output."""
    layers = []
    fan = in_features or width
    for i in range(depth):
        out = (out_features or width) if i == depth - 1 else width
        layers.append({'kind': 'linear', 'in': fan, 'out': out, 'init': init, 'bias': bias})
        fan = out
        if i == depth - 1:
            break
        if norm:
            layers.append({'kind': norm, 'features': width})
        layers.append(act(act_name, **(act_params or {})))
        if dropout:
            layers.append({'kind': 'dropout', 'p': dropout})
        if alpha_dropout:
            layers.append({'kind': 'alpha_dropout', 'p': alpha_dropout})
    return {'name': name, 'family': family, 'kind': 'mlp', 'depth': depth, 'width': width, 'batch': batch,
            'input': {'features': in_features or width}, 'layers': layers}


def residual_mlp(name, family, act_name, blocks, width, init=None, norm=None, batch=256):
    """Linear stem, then pre-activation blocks [norm] act Linear [norm] act Linear + skip, then a Linear head."""
    layers = [{'kind': 'linear', 'in': width, 'out': width, 'init': init, 'bias': 'default'}]
    for _ in range(blocks):
        start = len(layers) - 1
        for _ in range(2):
            if norm:
                layers.append({'kind': norm, 'features': width})
            layers.append(act(act_name))
            layers.append({'kind': 'linear', 'in': width, 'out': width, 'init': init, 'bias': 'default'})
        layers.append({'kind': 'add', 'from': start})
    layers.append({'kind': 'linear', 'in': width, 'out': width, 'init': init, 'bias': 'default'})
    return {'name': name, 'family': family, 'kind': 'mlp', 'depth': 2 + 2 * blocks, 'width': width, 'batch': batch,
            'input': {'features': width}, 'layers': layers}


def cnn(name, family, act_name, plan, channels, spatial, in_channels=3, init=None, norm=False, batch=16, head=10):
    """plan: 'c' conv 3x3, 's' conv 3x3 stride 2, 'M' max pool 2, 'A' avg pool 2; every conv followed by [BN] act."""
    layers = []
    c_in, size, depth = in_channels, spatial, 0
    for step in plan:
        if step in 'cs':
            stride = 2 if step == 's' else 1
            layers.append({'kind': 'conv', 'in': c_in, 'out': channels, 'k': 3, 'stride': stride, 'init': init, 'bias': 'default'})
            size = (size - 3) // stride + 1
            c_in, depth = channels, depth + 1
            if norm:
                layers.append({'kind': 'batchnorm', 'features': channels})
            layers.append(act(act_name))
        else:
            layers.append({'kind': 'maxpool' if step == 'M' else 'avgpool', 'k': 2})
            size //= 2
    layers.append({'kind': 'flatten'})
    layers.append({'kind': 'linear', 'in': c_in * size * size, 'out': head, 'init': init, 'bias': 'default'})
    return {'name': name, 'family': family, 'kind': 'cnn', 'depth': depth + 1, 'width': channels, 'batch': batch,
            'input': {'features': in_channels, 'spatial': spatial}, 'layers': layers}


KAIMING_RELU = {'fn': 'kaiming_normal_', 'nonlinearity': 'relu'}
MODELS = [
    # PyTorch defaults (kaiming_uniform_(a=sqrt(5)) weights, uniform bias)
    mlp('mlp-relu-d10-w256', 'relu', 'relu', 10, 256),
    mlp('mlp-relu-d50-w256', 'relu', 'relu', 50, 256, batch=256),
    mlp('mlp-tanh-d10-w256', 'tanh', 'tanh', 10, 256),
    mlp('mlp-tanh-d50-w256', 'tanh', 'tanh', 50, 256, batch=256),
    mlp('mlp-sigmoid-d10-w256', 'sigmoid', 'sigmoid', 10, 256),
    mlp('mlp-gelu-d20-w512', 'gelu', 'gelu', 20, 512, batch=256),
    mlp('mlp-silu-d20-w128', 'silu', 'silu', 20, 128),
    mlp('mlp-elu-d20-w256', 'elu', 'elu', 20, 256),
    mlp('mlp-softplus-d10-w256', 'softplus', 'softplus', 10, 256),
    mlp('mlp-celu-d10-w256', 'elu', 'celu', 10, 256, act_params={'alpha': 0.5}),
    mlp('mlp-prelu-d10-w256', 'relu', 'prelu', 10, 256),
    mlp('mlp-logsigmoid-d5-w256', 'sigmoid', 'logsigmoid', 5, 256),
    mlp('mlp-hardsigmoid-d10-w256', 'sigmoid', 'hard_sigmoid', 10, 256),
    mlp('mlp-tanhshrink-d5-w256', 'tanh', 'tanhshrink', 5, 256),
    mlp('mlp-relu-d2-w64', 'relu', 'relu', 2, 64, in_features=784, out_features=10),
    mlp('mlp-tanh-d50-w64', 'tanh', 'tanh', 50, 64),
    mlp('mlp-gelu-d3-w1024', 'gelu', 'gelu', 3, 1024, in_features=784, out_features=10, batch=256),
    # explicit PyTorch initialisers
    mlp('mlp-relu-kaiming-d50-w256', 'relu', 'relu', 50, 256, init=KAIMING_RELU, bias='zeros', batch=256),
    mlp('mlp-relu-kaiming-uniform-d10-w1024', 'relu', 'relu', 10, 1024, init={'fn': 'kaiming_uniform_', 'nonlinearity': 'relu'}, bias='zeros', batch=128),
    mlp('mlp-leaky-kaiming-d20-w256', 'relu', 'leaky_relu', 20, 256, init={'fn': 'kaiming_normal_', 'a': 0.2, 'nonlinearity': 'leaky_relu'}, act_params={'negative_slope': 0.2}),
    mlp('mlp-tanh-xavier-gain-d50-w256', 'tanh', 'tanh', 50, 256, init={'fn': 'xavier_normal_', 'gain': 5 / 3}, bias='zeros', batch=256),
    mlp('mlp-tanh-xavier-d30-w512', 'tanh', 'tanh', 30, 512, init={'fn': 'xavier_uniform_'}, bias='zeros', batch=256),
    mlp('mlp-mish-kaiming-d10-w128', 'smooth', 'mish', 10, 128, init=KAIMING_RELU),
    mlp('mlp-hardtanh-xavier-d10-w256', 'tanh', 'hardtanh', 10, 256, init={'fn': 'xavier_uniform_'}),
    mlp('mlp-relu6-kaiming-d10-w256', 'relu', 'relu6', 10, 256, init=KAIMING_RELU),
    mlp('mlp-softsign-xavier-d10-w256', 'tanh', 'softsign', 10, 256, init={'fn': 'xavier_uniform_'}),
    mlp('mlp-hardswish-kaiming-d10-w256', 'smooth', 'hardswish', 10, 256, init=KAIMING_RELU),
    mlp('mlp-relu-normal002-d10-w512', 'relu', 'relu', 10, 512, init={'fn': 'normal_', 'std': 0.02}, bias='zeros', batch=256),
    mlp('mlp-gelu-trunc002-d10-w512', 'gelu', 'gelu', 10, 512, init={'fn': 'trunc_normal_', 'std': 0.02}, bias='zeros', batch=256),
    mlp('mlp-relu-orthogonal-d20-w256', 'relu', 'relu', 20, 256, init={'fn': 'orthogonal_', 'gain': math.sqrt(2)}, bias='zeros'),
    mlp('mlp-sigmoid-uniform-d5-w256', 'sigmoid', 'sigmoid', 5, 256, init={'fn': 'uniform_', 'a': -0.1, 'b': 0.1}, bias={'constant': 0.1}),
    mlp('mlp-leaky-kaiming-fanout-d10-w256', 'relu', 'leaky_relu', 10, 256, init={'fn': 'kaiming_uniform_', 'a': 0.1, 'mode': 'fan_out', 'nonlinearity': 'leaky_relu'}, act_params={'negative_slope': 0.1}, in_features=784),
    mlp('mlp-tanh-xavier-uniform-gain-d20-w256', 'tanh', 'tanh', 20, 256, init={'fn': 'xavier_uniform_', 'gain': 5 / 3}, bias='zeros'),
    mlp('mlp-tanh-normal005-d10-w256', 'tanh', 'tanh', 10, 256, init={'fn': 'normal_', 'std': 0.05}, bias='zeros'),
    mlp('mlp-silu-trunc-cut-d10-w256', 'silu', 'silu', 10, 256, init={'fn': 'trunc_normal_', 'std': 0.1, 'a': -0.15, 'b': 0.15}, bias='zeros'),
    mlp('mlp-relu-orthogonal-rect-d10-w256', 'relu', 'relu', 10, 256, init={'fn': 'orthogonal_', 'gain': math.sqrt(2)}, bias='zeros', in_features=784),
    mlp('mlp-relu-variancescaling-d20-w256', 'relu', 'relu', 20, 256, init={'fn': 'variance_scaling', 'scale': 2.0, 'mode': 'fan_in'}, bias='zeros'),
    mlp('mlp-selu-vs-fanavg-d10-w256', 'elu', 'selu', 10, 256, init={'fn': 'variance_scaling', 'scale': 1.0, 'mode': 'fan_avg'}, bias='zeros', in_features=784),
    # Keras defaults (glorot_uniform, zero bias) and Keras initialisers
    mlp('mlp-relu-keras-d20-w256', 'relu', 'relu', 20, 256, init={'fn': 'glorot_uniform'}, bias='zeros'),
    mlp('mlp-sigmoid-keras-d10-w256', 'sigmoid', 'sigmoid', 10, 256, init={'fn': 'glorot_uniform'}, bias='zeros'),
    mlp('mlp-tanh-keras-d20-w128', 'tanh', 'tanh', 20, 128, init={'fn': 'glorot_uniform'}, bias='zeros'),
    mlp('mlp-relu-henormal-d30-w256', 'relu', 'relu', 30, 256, init={'fn': 'he_normal'}, bias='zeros'),
    mlp('mlp-elu-heuniform-d10-w256', 'elu', 'elu', 10, 256, init={'fn': 'he_uniform'}, bias='zeros'),
    mlp('mlp-selu-lecun-d50-w256', 'elu', 'selu', 50, 256, init={'fn': 'lecun_normal'}, bias='zeros', batch=256),
    mlp('mlp-selu-lecun-alphadropout-d20-w256', 'elu', 'selu', 20, 256, init={'fn': 'lecun_normal'}, bias='zeros', alpha_dropout=0.1),
    mlp('mlp-gelu-glorotnormal-d10-w256', 'gelu', 'gelu', 10, 256, init={'fn': 'glorot_normal'}, bias='zeros'),
    # normalisation and dropout
    mlp('mlp-relu-bn-d50-w256', 'relu', 'relu', 50, 256, norm='batchnorm', batch=256),
    mlp('mlp-tanh-bn-d20-w256', 'tanh', 'tanh', 20, 256, norm='batchnorm'),
    mlp('mlp-sigmoid-bn-d20-w512', 'sigmoid', 'sigmoid', 20, 512, norm='batchnorm', batch=256),
    mlp('mlp-gelu-ln-d20-w256', 'gelu', 'gelu', 20, 256, norm='layernorm'),
    mlp('mlp-relu-dropout-d10-w512', 'relu', 'relu', 10, 512, init=KAIMING_RELU, dropout=0.5, batch=256),
    mlp('mlp-tanh-dropout-d10-w256', 'tanh', 'tanh', 10, 256, dropout=0.2),
    mlp('mlp-relu-bn-dropout-d20-w256', 'relu', 'relu', 20, 256, norm='batchnorm', dropout=0.3),
    # residual additions
    residual_mlp('res-relu-b10-w256', 'relu', 'relu', 10, 256, init=KAIMING_RELU),
    residual_mlp('res-tanh-bn-b8-w256', 'tanh', 'tanh', 8, 256, norm='batchnorm'),
    # CNNs (3x3 convolutions without padding, so every output sees a full window; 2x2 pools)
    cnn('cnn-relu-d6-c128', 'relu', 'relu', 'cccccc', 128, 20),
    cnn('cnn-relu-kaiming-pool-c128', 'relu', 'relu', 'ccMccM', 128, 28, init=KAIMING_RELU),
    cnn('cnn-tanh-avgpool-c128', 'tanh', 'tanh', 'ccAcc', 128, 24),
    cnn('cnn-relu-bn-d8-c128', 'relu', 'relu', 'cccccccc', 128, 22, norm=True),
    cnn('cnn-gelu-stride-c128', 'gelu', 'gelu', 'cscsc', 128, 33, init=KAIMING_RELU),
    cnn('cnn-sigmoid-d4-c128', 'sigmoid', 'sigmoid', 'cccc', 128, 16),
    cnn('cnn-relu-d4-c64', 'relu', 'relu', 'ccMcc', 64, 28, batch=32),
    cnn('cnn-relu-kaiming-fanout-c128', 'relu', 'relu', 'ccccc', 128, 20, init={'fn': 'kaiming_normal_', 'mode': 'fan_out', 'nonlinearity': 'relu'}),
]


def seed_count(spec):
    """Deep stacks and small heads fluctuate from one initialisation to the next (ReLU at depth 50, width 256: one
    network's last-layer std ranges over 0.5x to 1.2x of another's), so they get enough seeds for the average to
    settle within a few percent of the expected tensor.std()."""
    if spec['kind'] == 'cnn':
        return 8
    return 24 if spec['depth'] >= 20 else 4


def main():
    started = time.time()
    only = set(sys.argv[1:])
    models = []
    for spec in MODELS:
        if only and spec['name'] not in only:
            continue
        t = time.time()
        seeds = list(range(seed_count(spec)))
        runs = [measure(spec, s) for s in seeds]
        models.append({**spec, 'seeds': seeds, 'measured': aggregate(runs)})
        print(f"{spec['name']:45s} {time.time() - t:6.1f}s  first grad {models[-1]['measured'][0]['grad']:.3g}", file=sys.stderr)
    doc = {
        'generator': 'scripts/reference/gen_signal_reference.py',
        'torch': torch.__version__,
        'dtype': 'float32',
        'note': 'Training mode, i.i.d. N(0,1) inputs, N(0,1) gradient at the last output; grad = RMS gradient at the '
                'layer output / RMS gradient at the last output; std = tensor.std() over all values of the output.',
        'models': models,
    }
    if only:
        # Re-measure the named models only and merge them into the existing fixture.
        with open(OUT) as fh:
            old = json.load(fh)
        fresh = {m['name']: m for m in models}
        doc['models'] = [fresh.get(m['name'], m) for m in old['models']]
    with open(OUT, 'w') as fh:
        json.dump(doc, fh, allow_nan=False, indent=None, separators=(',', ':'))
        fh.write('\n')
    print(f'{len(models)} models in {time.time() - started:.0f}s -> {os.path.relpath(OUT, ROOT)}', file=sys.stderr)


if __name__ == '__main__':
    main()
