// Runs in the webview. "Signal through this model": per-layer activation std and gradient on a log scale (SVG),
// what-if controls that ask the host to predict again, and the layer table. Text goes in through textContent only.
import {
  WHAT_IF_ACTIVATIONS, WHAT_IF_INITS, type SignalFromWebview, type SignalToWebview, type SignalViewModel, type WhatIf,
} from '../../shared/signalProtocol';

interface VsCodeApi { postMessage(message: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const post = (m: SignalFromWebview): void => api.postMessage(m);
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmt(x: number | undefined): string {
  if (x === undefined) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 0.001 && a < 1000 ? String(Number(x.toPrecision(3))) : x.toExponential(1);
}

const LABELS: Record<string, string> = {
  he: 'He (kaiming)', glorot: 'Glorot (xavier)', lecun: 'LeCun', 'torch-default': 'PyTorch default',
};

/** A select whose first option keeps the code's choice. */
function select(id: string, label: string, values: readonly string[], current: string | null, names: (v: string) => string): HTMLLabelElement {
  const wrap = el('label', { class: 'control' }, `${label} `);
  const s = el('select', { id, 'aria-label': label });
  s.append(el('option', { value: '' }, 'as in the code'));
  for (const v of values) {
    const o = el('option', { value: v }, names(v));
    if (v === current) o.selected = true;
    s.append(o);
  }
  wrap.append(s);
  return wrap;
}

const W = 640;
const H = 280;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

/** The log-scale chart of std and gradient per layer. */
function chart(model: SignalViewModel): SVGElement {
  const root = svg('svg', { id: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Activation std and gradient per layer, log scale' });
  const series = [
    { key: 'std', label: 'activation std', cls: 'std', values: model.rows.map((r) => r.std) },
    { key: 'grad', label: 'gradient (relative to the output)', cls: 'grad', values: model.rows.map((r) => r.grad) },
  ];
  const logs = series.flatMap((s) => s.values.filter((v): v is number => v !== undefined && v > 0 && Number.isFinite(v)).map(Math.log10));
  if (!logs.length) {
    root.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'Nothing predicted'));
    return root;
  }
  let lo = Math.floor(Math.min(...logs, 0));
  let hi = Math.ceil(Math.max(...logs, 0));
  if (hi - lo < 2) { lo -= 1; hi += 1; }
  const n = Math.max(model.rows.length, 2);
  const x = (i: number): number => PAD.left + ((W - PAD.left - PAD.right) * i) / (n - 1);
  const y = (v: number): number => PAD.top + ((H - PAD.top - PAD.bottom) * (hi - Math.log10(v))) / (hi - lo);
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  for (let e = lo; e <= hi; e += step) {
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(10 ** e), y2: y(10 ** e), class: e === 0 ? 'grid one' : 'grid' }));
    root.append(svg('text', { x: PAD.left - 6, y: y(10 ** e) + 4, 'text-anchor': 'end', class: 'tick' }, e === 0 ? '1' : `1e${e}`));
  }
  root.append(svg('text', { x: (W + PAD.left) / 2, y: H - 6, 'text-anchor': 'middle', class: 'tick' }, 'layer (execution order)'));
  for (const s of series) {
    const pts = s.values.map((v, i) => (v !== undefined && v > 0 && Number.isFinite(v) ? [x(i), y(v), i, v] as const : undefined)).filter((p) => p !== undefined);
    if (!pts.length) continue;
    root.append(svg('polyline', { points: pts.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' '), class: `series ${s.cls}`, fill: 'none' }));
    for (const [px, py, i, v] of pts) {
      const dot = svg('circle', { cx: px.toFixed(1), cy: py.toFixed(1), r: 3, class: `dot ${s.cls}` });
      dot.append(svg('title', {}, `${model.rows[i].name} (line ${model.rows[i].line}): ${s.label} ${fmt(v)}`));
      root.append(dot);
    }
  }
  return root;
}

function render(model: SignalViewModel): void {
  const app = document.getElementById('app');
  if (!app) return;
  app.replaceChildren();
  const header = el('header');
  header.append(el('h1', {}, `Signal through ${model.title}`));
  const summary = el('p', { id: 'summary', class: `verdict ${model.verdict}` }, model.summary);
  header.append(summary);
  app.append(header);

  const controls = el('div', { class: 'controls', role: 'group', 'aria-label': 'What if' });
  controls.append(
    select('activation', 'Hidden activation', WHAT_IF_ACTIVATIONS, model.whatIf.activation, (v) => v),
    select('init', 'Initialisation', WHAT_IF_INITS, model.whatIf.init, (v) => LABELS[v] ?? v),
  );
  app.append(controls);
  const ask = (): void => {
    const a = (document.getElementById('activation') as HTMLSelectElement).value;
    const i = (document.getElementById('init') as HTMLSelectElement).value;
    const whatIf = { activation: a === '' ? null : a, init: i === '' ? null : i } as WhatIf;
    post({ type: 'whatIf', whatIf });
  };
  controls.addEventListener('change', ask);

  const legend = el('p', { class: 'legend' });
  legend.append(el('span', { class: 'key std' }, 'activation std'), el('span', { class: 'key grad' }, 'gradient relative to the output'));
  app.append(legend, chart(model));

  if (model.stopped) app.append(el('p', { class: 'stopped' }, `Stopped: ${model.stopped}`));
  for (const n of model.notes) app.append(el('p', { class: 'note' }, `Approximation: ${n}`));

  const table = el('table', { id: 'layers' });
  const head = el('tr');
  for (const h of ['line', 'layer', 'mean', 'std', 'gradient']) head.append(el('th', {}, h));
  table.append(head);
  for (const r of model.rows) {
    const tr = el('tr');
    const line = el('td');
    const link = el('a', { href: '#', title: 'Show in the editor' }, String(r.line));
    link.addEventListener('click', (e) => { e.preventDefault(); post({ type: 'reveal', line: r.line }); });
    line.append(link);
    tr.append(line, el('td', {}, r.name), el('td', {}, fmt(r.mean)), el('td', {}, fmt(r.std)), el('td', {}, fmt(r.grad)));
    table.append(tr);
  }
  app.append(table);
  app.append(el('p', { class: 'about' }, 'Predicted at initialisation (training mode) for i.i.d. N(0, 1) inputs and an N(0, 1) gradient at the output, by mean-field recursions; checked against PyTorch.'));
  document.body.dataset.draws = String(Number(document.body.dataset.draws ?? 0) + 1);
}

function isSignalMessage(v: unknown): v is SignalToWebview {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'signal' && typeof (v as { model?: unknown }).model === 'object';
}

window.addEventListener('message', (e: MessageEvent) => { if (isSignalMessage(e.data)) render(e.data.model); });
try {
  const initial = JSON.parse(document.body.dataset.initial ?? 'null') as unknown;
  if (isSignalMessage(initial)) render(initial.model);
} catch {
  /* nothing to show until the host posts */
}
post({ type: 'ready' });
