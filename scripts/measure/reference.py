#!/usr/bin/env python3
"""A CPython-`ast` reference for activation detection, compared with what the scanner found.

    python3 scripts/measure/reference.py out/measure/scanner.json [--details]

The scanner's JSON (written by dump.ts) holds its usages per file, the notebook cells as it read them, and the
catalog's qualified API names (the one definition of which names are activations). Everything else here is
independent of the scanner: imports are resolved over the syntax tree, and each form is defined below.

Forms measured (anchor = where the usage starts, as line and column):
  layer / function  a call of an activation API (`nn.ReLU()`, `F.gelu(x)`); anchor: the callee
  reference         an activation API used as a value anywhere (keyword, dict/list/tuple element, default,
                    return, conditional), except type tests (isinstance/issubclass/type, comparisons, `in (...)`),
                    class bases and `except` clauses; anchor: the dotted name
  method            `x.relu()`, `h.softmax(dim=1)` in a file that imports torch; anchor: the method name
  string            a string in a framework call's activation slot (Keras layers' `activation=` or positional slot,
                    `keras.activations.get`, PyTorch Transformer layers), also through the file's own wrappers
                    whose parameter reaches such a slot; anchor: the string
  dynamic           `getattr(nn, 'ReLU')`; a known activation name passed as an activation-like keyword to any other
                    call, as such a parameter's default, as a config dict value, assigned to such a name, or given
                    to an activation factory (`get_act_layer('silu')`); anchor: the string
Files (and notebook cells) that CPython cannot parse are left out of both sides.
"""
import ast
import json
import re
import sys
from collections import defaultdict

ACT_KEYWORD = re.compile(
    r'^(?:[a-z0-9]+_)*(?:activation|activations|act|acts|act_layer|act_fn|act_func|act_type|act_cfg|activation_fn|'
    r'activation_func|activation_layer|activation_type|activation_function|nonlin|non_lin)$', re.I)
FACTORY = re.compile(r'^(?:create|get|build|make)_?(?:act|activation)(?:_?(?:layer|fn|func|function|cls|class|module))?$', re.I)
STRING_KEYWORDS = {'activation', 'recurrent_activation'}
KERAS_POSITIONAL = {
    'Dense': [1], 'Activation': [0], 'SimpleRNN': [1], 'SimpleRNNCell': [1], 'LSTM': [1, 2], 'LSTMCell': [1, 2],
    'GRU': [1, 2], 'GRUCell': [1, 2], 'Conv1D': [7], 'Conv2D': [7], 'Conv3D': [7], 'Conv1DTranspose': [6],
    'Conv2DTranspose': [7], 'Conv3DTranspose': [7], 'SeparableConv1D': [7], 'SeparableConv2D': [7],
    'DepthwiseConv2D': [6], 'EinsumDense': [3],
}
TORCH_TRANSFORMER = {'torch.nn.TransformerEncoderLayer': 4, 'torch.nn.TransformerDecoderLayer': 4, 'torch.nn.Transformer': 6}
NO_ARG_METHODS = {'relu', 'relu_', 'sigmoid', 'sigmoid_', 'tanh', 'tanh_'}
ARG_METHODS = {'softmax', 'log_softmax', 'hardshrink'}
METHOD_NAME = {'relu_': 'relu', 'sigmoid_': 'sigmoid', 'tanh_': 'tanh'}
NON_FRAMEWORK = {'numpy', 'jax', 'jaxlib', 'flax', 'haiku', 'optax', 'equinox', 'math', 'cmath', 'scipy', 'sklearn',
                 'pandas', 'mxnet', 'paddle', 'mindspore', 'oneflow', 'cupy', 'tinygrad', 'trax', 'matplotlib', 'seaborn'}
# Names people write for activations in config strings (lower-case, `-` and spaces as `_`).
KNOWN = {
    'relu', 'leaky_relu', 'leakyrelu', 'lrelu', 'prelu', 'elu', 'selu', 'celu', 'gelu', 'gelu_tanh', 'gelu_new',
    'quick_gelu', 'silu', 'swish', 'mish', 'sigmoid', 'hard_sigmoid', 'hardsigmoid', 'tanh', 'hardtanh', 'hard_tanh',
    'relu6', 'softmax', 'log_softmax', 'logsoftmax', 'softplus', 'softsign', 'hardswish', 'hard_swish', 'hard_silu',
    'hardsilu', 'exponential', 'exp', 'linear', 'identity', 'threshold', 'rrelu', 'glu', 'logsigmoid', 'log_sigmoid',
    'tanhshrink', 'tanh_shrink', 'softshrink', 'soft_shrink', 'hardshrink', 'hard_shrink', 'softmin',
    'thresholded_relu', 'thresholdedrelu', 'squareplus', 'sparse_plus', 'sparseplus', 'sparsemax', 'sparse_sigmoid',
    'sparsesigmoid',
}


def known_name(s):
    folded = re.sub(r'[\s-]+', '_', s.strip().lower())
    return s in KNOWN or folded in KNOWN or folded.replace('_', '') in KNOWN


def normalize(path):
    """tensorflow.keras.x / tf.keras.x / tf_keras.x -> keras.x, tensorflow.x -> tf.x, private Keras paths dropped."""
    p = path
    if p == 'tensorflow' or p.startswith('tensorflow.'):
        p = 'tf' + p[10:]
    for pre in ('tf.compat.v1.', 'tf.compat.v2.'):
        if p.startswith(pre):
            p = 'tf.' + p[len(pre):]
    for pre, to in (('tf.python.keras', 'keras'), ('tf.keras', 'keras'), ('tf_keras', 'keras')):
        if p == pre or p.startswith(pre + '.'):
            p = to + p[len(pre):]
            break
    if p.startswith('keras.src.'):
        p = 'keras.' + p[10:]
    p = re.sub(r'^keras\.layers\.(?:activation|activations|advanced_activations|core)(?:\.[a-z_]+)?(?=\.[A-Z])', 'keras.layers', p)
    if p.startswith('keras.activations.activations.'):
        p = 'keras.activations.' + p[30:]
    if p.startswith('keras.ops.nn.'):
        p = 'keras.ops.' + p[13:]
    if p.startswith('torch.nn.modules.activation.'):
        p = 'torch.nn.' + p[len('torch.nn.modules.activation.'):]
    return p


def framework_of(path):
    head = path.split('.')[0]
    return head if head in ('torch', 'keras', 'tf') else None


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return '.'.join(reversed(parts))
    return None


class Scope:
    def __init__(self):
        self.aliases = {}
        self.stars = []
        self.frameworks = set()
        self.defs = {}

    def add(self, local, target):
        target = normalize(target)
        self.aliases[local] = target
        fw = framework_of(target)
        if fw:
            self.frameworks.add(fw)

    def collect(self, tree):
        module_level = set(id(s) for s in tree.body)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.add(a.asname, a.name)
                    else:
                        head = a.name.split('.')[0]
                        self.add(head, head)
                        fw = framework_of(normalize(a.name))
                        if fw:
                            self.frameworks.add(fw)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for a in node.names:
                    if a.name == '*':
                        m = normalize(node.module)
                        self.stars.append(m)
                        if framework_of(m):
                            self.frameworks.add(framework_of(m))
                    else:
                        self.add(a.asname or a.name, node.module + '.' + a.name)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                t = node.targets[0]
                if isinstance(t, ast.Name) and isinstance(node.value, (ast.Attribute, ast.Name)):
                    d = dotted(node.value)
                    head = d.split('.')[0] if d else None
                    if head in self.aliases:
                        target = normalize(self.aliases[head] + d[len(head):])
                        if re.match(r'^(?:torch(?:\.nn(?:\.functional)?)?|keras(?:\.[a-z_]+)?|tf(?:\.[a-z_]+)?)$', target):
                            self.add(t.id, target)
                            continue
                if isinstance(t, ast.Name) and id(node) in module_level and t.id in self.aliases:
                    del self.aliases[t.id]
                if isinstance(t, ast.Tuple) and isinstance(node.value, ast.Call):
                    callee = dotted(node.value.func) or ''
                    if callee.split('.')[-1] == 'get_submodules_from_kwargs':
                        mods = ['keras.backend', 'keras.layers', 'keras.models', 'keras.utils']
                        for i, e in enumerate(t.elts[:4]):
                            if isinstance(e, ast.Name) and e.id != '_':
                                self.add(e.id, mods[i])
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if id(node) in module_level and node.name in self.aliases:
                    del self.aliases[node.name]

    def qualify(self, written, api):
        head, _, rest = written.partition('.')
        if head in self.aliases:
            return normalize(self.aliases[head] + ('.' + rest if rest else ''))
        for m in self.stars:
            cand = normalize(m + '.' + written)
            if cand in api or cand.startswith('keras.layers.') or cand in TORCH_TRANSFORMER:
                return cand
        return None


def param_names(fn, method):
    names = [a.arg for a in fn.args.posonlyargs + fn.args.args]
    if method and names:
        names = names[1:]
    return names, [a.arg for a in fn.args.kwonlyargs]


class Wrappers:
    """The file's own functions (and classes, through __init__) whose activation-named parameter reaches a slot."""

    def __init__(self, trees, scope, api):
        self.scope, self.api = scope, api
        self.cands = {}
        for tree in trees:
            self._find(tree, None)
        self.memo = {}

    def _find(self, node, owner):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                self._find(child, child.name)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = (owner if child.name == '__init__' else None) if owner else child.name
                if name:
                    pos, kw = param_names(child, owner is not None)
                    if any(ACT_KEYWORD.match(p) for p in pos + kw):
                        self.cands[name] = (child, pos, kw)
                self._find(child, None)
            else:
                self._find(child, owner)

    def summary(self, name, depth=0, seen=()):
        if name in self.memo:
            return self.memo[name]
        if name not in self.cands or depth > 4 or name in seen:
            return None
        fn, pos, kw = self.cands[name]
        tracked = {p for p in pos + kw if ACT_KEYWORD.match(p)}
        dests = {}
        for node in ast.walk(fn):
            if not isinstance(node, ast.Call):
                continue
            slots = []
            for i, a in enumerate(node.args):
                if isinstance(a, ast.Starred):
                    break
                slots.append((a, None, i))
            for k in node.keywords:
                if k.arg:
                    slots.append((k.value, k.arg, None))
            for value, keyword, position in slots:
                if not (isinstance(value, ast.Name) and value.id in tracked) or value.id in dests:
                    continue
                dest = self.destination(node.func, keyword, position, depth, seen + (name,))
                if dest:
                    dests[value.id] = dest
        result = (pos, dests) if dests else None
        if depth == 0:
            self.memo[name] = result
        return result

    def destination(self, func, keyword, position, depth, seen):
        written = dotted(func)
        if not written:
            return None
        q = self.scope.qualify(written, self.api)
        if q:
            if q in ('keras.activations.get', 'keras.activations.deserialize'):
                return ('keras', q) if position == 0 else None
            if q.startswith('keras.layers.'):
                if keyword is not None:
                    return ('keras', q) if keyword in STRING_KEYWORDS else None
                return ('keras', q) if position in KERAS_POSITIONAL.get(q[13:], []) else None
            if q in TORCH_TRANSFORMER:
                return ('torch', q) if keyword == 'activation' or (keyword is None and position == TORCH_TRANSFORMER[q]) else None
            return None
        if '.' in written:
            return None
        inner = self.summary(written, depth + 1, seen)
        if not inner:
            return None
        pos, dests = inner
        param = keyword if keyword is not None else (pos[position] if position is not None and position < len(pos) else None)
        return dests.get(param)


class Reference(ast.NodeVisitor):
    def __init__(self, scope, api, wrappers, out, cell, lines):
        self.scope, self.api, self.wrappers, self.out, self.cell, self.lines = scope, api, wrappers, out, cell, lines
        self.fw = 'keras' if ({'keras', 'tf'} & scope.frameworks) else ('torch' if 'torch' in scope.frameworks else None)
        self.skip = set()  # ids of nodes that are type tests, bases, except clauses

    def col(self, line, byte_col):
        text = self.lines[line - 1] if line - 1 < len(self.lines) else ''
        return len(text.encode('utf-8')[:byte_col].decode('utf-8', 'replace').encode('utf-16-le')) // 2

    def emit(self, node, form, name, line=None, col=None):
        line = node.lineno if line is None else line
        col = self.col(line, node.col_offset if col is None else col)
        self.out.append((self.cell, line - 1, col, form, name))

    def mark_skip(self, node):
        for n in ast.walk(node):
            self.skip.add(id(n))

    def visit_ClassDef(self, node):
        for b in node.bases:
            self.mark_skip(b)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        if node.type is not None:
            self.mark_skip(node.type)
        self.generic_visit(node)

    def visit_Compare(self, node):
        for operand in [node.left] + node.comparators:
            if isinstance(operand, (ast.Attribute, ast.Name)):
                self.skip.add(id(operand))
        for op, comp in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(comp, (ast.Tuple, ast.List, ast.Set)):
                for e in comp.elts:
                    self.skip.add(id(e))
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        self.defaults(node)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def defaults(self, fn):
        args = fn.args
        positional = args.posonlyargs + args.args
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
        pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
        for a, d in pairs:
            if ACT_KEYWORD.match(a.arg):
                self.dynamic_string(d)

    def dynamic_string(self, node, fw=None):
        if (fw or self.fw) and isinstance(node, ast.Constant) and isinstance(node.value, str) and known_name(node.value):
            self.emit(node, 'dynamic', None)

    def visit_Dict(self, node):
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and ACT_KEYWORD.match(k.value):
                self.dynamic_string(v)
        self.generic_visit(node)

    def visit_Assign(self, node):
        if len(node.targets) == 1:
            t = node.targets[0]
            name = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
            if name and ACT_KEYWORD.match(name):
                self.dynamic_string(node.value)
        self.generic_visit(node)

    def visit_Attribute(self, node):
        self.value_use(node)

    def visit_Name(self, node):
        self.value_use(node)

    def value_use(self, node):
        """A maximal dotted name not called: a reference when it names an activation API."""
        written = dotted(node)
        if written is None:
            self.generic_visit(node)
            return
        if id(node) in self.skip or not isinstance(node.ctx, ast.Load):
            return
        q = self.scope.qualify(written, self.api)
        if q and q in self.api:
            self.emit(node, 'reference', self.api[q][0])

    def visit_Call(self, node):
        func = node.func
        written = dotted(func)
        if written in ('isinstance', 'issubclass', 'type') and written not in self.scope.aliases:
            for a in node.args:
                self.mark_skip(a)
        q = self.scope.qualify(written, self.api) if written else None
        if q and q in self.api:
            canonical, kind = self.api[q]
            self.emit(func, 'layer' if kind == 'layer' else 'function', canonical)
        elif q and framework_of(q):
            self.framework_call(node, q)
        elif written == 'getattr' and 'getattr' not in self.scope.aliases:
            self.getattr_call(node)
        elif q and q.split('.')[0] in NON_FRAMEWORK:
            pass
        else:
            self.method_call(node, written)
            self.other_call(node, written)
        # Visit children, but the callee itself is not a reference.
        if isinstance(func, (ast.Attribute, ast.Name)) and dotted(func) is not None:
            pass
        else:
            self.visit(func)
        for a in node.args:
            self.visit(a)
        for k in node.keywords:
            self.visit(k.value)

    def framework_call(self, node, q):
        fw = 'torch' if framework_of(q) == 'torch' else 'keras'
        if q in ('keras.activations.get', 'keras.activations.deserialize'):
            if node.args and self.is_str(node.args[0]):
                self.emit(node.args[0], 'string', None)
            return
        torch_index = TORCH_TRANSFORMER.get(q)
        positions = [torch_index] if torch_index is not None else KERAS_POSITIONAL.get(q[13:], []) if q.startswith('keras.layers.') else []
        for i, a in enumerate(node.args):
            if isinstance(a, ast.Starred):
                break
            if i in positions and self.is_str(a):
                self.emit(a, 'string', None)
        for k in node.keywords:
            if not k.arg:
                continue
            if k.arg in STRING_KEYWORDS and (fw == 'keras' or torch_index is not None):
                if self.is_str(k.value):
                    self.emit(k.value, 'string', None)
            elif ACT_KEYWORD.match(k.arg):
                self.dynamic_string(k.value, fw)

    def getattr_call(self, node):
        if len(node.args) < 2 or not self.is_str(node.args[1]):
            return
        obj = dotted(node.args[0])
        module = self.scope.qualify(obj, self.api) if obj else None
        if module and normalize(module + '.' + node.args[1].value) in self.api:
            self.emit(node.args[1], 'dynamic', self.api[normalize(module + '.' + node.args[1].value)][0])

    def method_call(self, node, written):
        func = node.func
        if not isinstance(func, ast.Attribute) or 'torch' not in self.scope.frameworks:
            return
        attr = func.attr
        if attr not in NO_ARG_METHODS and attr not in ARG_METHODS:
            return
        if attr in NO_ARG_METHODS and (node.args or node.keywords):
            return
        receiver = dotted(func.value)
        if receiver is not None:
            head = receiver.split('.')[0]
            if head in ('self', 'cls') or head in self.scope.aliases:
                return
        line = func.end_lineno
        self.out.append((self.cell, line - 1, self.col(line, func.end_col_offset) - len(attr), 'method', METHOD_NAME.get(attr, attr)))

    def other_call(self, node, written):
        if not self.fw:
            return
        last = written.split('.')[-1] if written else None
        if last and 'act' in last.lower() and FACTORY.match(last) or last in ('ACT2FN', 'ACT2CLS'):
            if node.args and not isinstance(node.args[0], ast.Starred):
                self.dynamic_string(node.args[0])
        summary = self.wrappers.summary(written) if written and '.' not in written and written not in self.scope.aliases else None
        for k in node.keywords:
            if not k.arg or not ACT_KEYWORD.match(k.arg):
                continue
            dest = summary[1].get(k.arg) if summary else None
            if dest:
                if self.is_str(k.value):
                    self.emit(k.value, 'string', None)
            else:
                self.dynamic_string(k.value)

    @staticmethod
    def is_str(node):
        return isinstance(node, ast.Constant) and isinstance(node.value, str)


def reference_usages(units, api):
    """units: [(cell, text)] of one file; returns usages and the cells that parsed."""
    trees = []
    scope = Scope()
    for cell, text in units:
        try:
            trees.append((cell, text, ast.parse(text)))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            # A notebook cell that does not parse still imports what its own import lines import.
            for line in text.splitlines():
                if re.match(r'^(?:import|from)\s', line):
                    try:
                        scope.collect(ast.parse(line))
                    except (SyntaxError, ValueError):
                        pass
    for _, _, tree in trees:
        scope.collect(tree)
    wrappers = Wrappers([t for _, _, t in trees], scope, api)
    out = []
    for cell, text, tree in trees:
        lines = text.replace('\r\n', '\n').replace('\r', '\n').split('\n')
        Reference(scope, api, wrappers, out, cell, lines).visit(tree)
    return out, {cell for cell, _, _ in trees}


def main():
    data = json.load(open(sys.argv[1], encoding='utf-8'))
    details = '--details' in sys.argv
    api = {normalize(k): v for k, v in data['api'].items()}
    stats = defaultdict(lambda: [0, 0, 0])  # form -> [both, reference only, scanner only]
    misses, extras = defaultdict(list), defaultdict(list)
    files_used = 0
    for path, (cells, usages) in data['files'].items():
        if cells is None:
            text = open(path, encoding='utf-8', errors='replace').read().lstrip('\ufeff')
            units = [(None, text)]
        else:
            units = [(c['index'], c['text']) for c in cells]
        ref, parsed = reference_usages(units, api)
        if not parsed:
            continue
        files_used += 1
        ours = [(u['cell'], u['line'], u['col'], u['form'], u['name']) for u in usages
                if u['cell'] in parsed and u['form'] not in ('custom',)]
        ref_keys = defaultdict(int)
        for cell, line, col, form, name in ref:
            ref_keys[(cell, line, col, form)] += 1
        our_keys = defaultdict(int)
        for cell, line, col, form, name in ours:
            our_keys[(cell, line, col, form)] += 1
        for k in set(ref_keys) | set(our_keys):
            a, b = ref_keys.get(k, 0), our_keys.get(k, 0)
            form = k[3]
            stats[form][0] += min(a, b)
            stats[form][1] += max(0, a - b)
            stats[form][2] += max(0, b - a)
            if a > b:
                misses[form].append((path, k))
            if b > a:
                extras[form].append((path, k))
    print(f'files compared: {files_used}')
    print(f'{"form":10} {"reference":>9} {"scanner":>8} {"both":>6} {"recall":>7} {"precision":>9}')
    total = [0, 0, 0]
    for form in ('layer', 'function', 'reference', 'method', 'string', 'dynamic'):
        both, ref_only, our_only = stats[form]
        total = [total[0] + both, total[1] + ref_only, total[2] + our_only]
        recall = both / (both + ref_only) if both + ref_only else 1.0
        precision = both / (both + our_only) if both + our_only else 1.0
        print(f'{form:10} {both + ref_only:9d} {both + our_only:8d} {both:6d} {recall:7.4f} {precision:9.4f}')
    both, ref_only, our_only = total
    print(f'{"all":10} {both + ref_only:9d} {both + our_only:8d} {both:6d} {both / max(1, both + ref_only):7.4f} {both / max(1, both + our_only):9.4f}')
    if details:
        for title, table in (('missed (reference only)', misses), ('extra (scanner only)', extras)):
            for form, items in table.items():
                print(f'\n{title}: {form}')
                for path, (cell, line, col, _) in items[:40]:
                    print(f'  {path}:{"" if cell is None else f"cell {cell}:"}{line + 1}:{col}')


if __name__ == '__main__':
    main()
