// Runs in the webview. Builds the page's fixed skeleton once and hands back the parts that change.
import { LIMITS } from '../../shared/protocol';
import { el } from '../dom';

export interface Layout {
  readonly showDerivative: HTMLInputElement;
  readonly formula: HTMLInputElement;
  readonly formulaButton: HTMLButtonElement;
  readonly formulaError: HTMLElement;
  readonly resetView: HTMLButtonElement;
  readonly backToCode: HTMLButtonElement;
  readonly exportPng: HTMLButtonElement;
  readonly exportSvg: HTMLButtonElement;
  readonly chart: HTMLElement;
  readonly readout: HTMLElement;
  readonly zonesKey: HTMLElement;
  readonly cards: HTMLElement;
  /** Every input that sets sigma (a slider and a number in each analysis section), kept in sync. */
  readonly sigmaInputs: readonly HTMLInputElement[];
  readonly x0Inputs: readonly HTMLInputElement[];
  readonly depthChart: HTMLElement;
  readonly depthSummary: HTMLElement;
  readonly statsChart: HTMLElement;
  readonly statsSummary: HTMLElement;
  readonly table: HTMLElement;
  readonly tableSection: HTMLDetailsElement;
  readonly usages: HTMLElement;
  readonly status: HTMLElement;
}

function pair(id: string, label: string, min: number, max: number, step: number, value: number): [HTMLElement, HTMLInputElement, HTMLInputElement] {
  const range = el('input', { type: 'range', id, min, max, step, value });
  const num = el('input', { type: 'number', class: 'param-number', min, max, step, value, 'aria-label': `${label}, exact value` });
  return [el('div', { class: 'param' }, el('label', { for: id }, label), range, num), range, num];
}

/** Creates the skeleton inside `root`. */
export function buildLayout(root: HTMLElement): Layout {
  const showDerivative = el('input', { type: 'checkbox', id: 'show-derivative', checked: true });
  const formula = el('input', { type: 'text', id: 'formula', maxlength: LIMITS.formula, spellcheck: 'false', placeholder: 'x * tanh(log(1 + exp(x)))', 'aria-describedby': 'formula-error', autocomplete: 'off' });
  const formulaButton = el('button', { type: 'button', id: 'formula-plot' }, 'Plot formula');
  const formulaError = el('span', { id: 'formula-error', class: 'error', role: 'alert' });
  const resetView = el('button', { type: 'button', id: 'reset-view' }, 'Reset view');
  const backToCode = el('button', { type: 'button', id: 'back-all' }, 'Back to the code’s values');
  const exportPng = el('button', { type: 'button', id: 'export-png' }, 'Export PNG');
  const exportSvg = el('button', { type: 'button', id: 'export-svg' }, 'Export SVG');
  const toolbar = el(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Plot controls' },
    el('label', { class: 'toggle' }, showDerivative, ' Show f′'),
    el('span', { class: 'formula' }, el('label', { for: 'formula' }, 'f(x) ='), formula, formulaButton, formulaError),
    resetView,
    backToCode,
    exportPng,
    exportSvg,
  );
  const chart = el('div', {
    id: 'chart',
    class: 'chart',
    tabindex: 0,
    role: 'application',
    'aria-roledescription': 'chart',
    'aria-label': 'Activation curves. Left and right arrows move the crosshair; Shift with arrows pans; plus and minus zoom; 0 resets the view. Drag to zoom, Shift-drag to pan, wheel to zoom.',
  });
  const readout = el('div', { id: 'readout', class: 'readout', 'aria-live': 'polite' });
  const zonesKey = el('p', { class: 'zones-key' });
  const cards = el('div', { id: 'cards', class: 'cards' });

  const [sigmaRow, sigma, sigmaNumber] = pair('sigma', 'σ of the inputs', 0.05, 3, 0.05, 1);
  const [sigmaRow2, sigma2, sigmaNumber2] = pair('sigma-stats', 'σ of the inputs', 0.05, 3, 0.05, 1);
  const [x0Row, x0, x0Number] = pair('x0', 'pre-activation x₀', -6, 6, 0.1, 0);
  const depthChart = el('div', { id: 'depth-chart', class: 'chart small-chart' });
  const depthSummary = el('p', { id: 'depth-summary', class: 'summary', 'aria-live': 'polite' });
  const statsChart = el('div', { id: 'stats-chart', class: 'chart small-chart' });
  const statsSummary = el('div', { id: 'stats-summary', class: 'summary', 'aria-live': 'polite' });
  const table = el('div', { id: 'values-table' });
  const tableSection = el('details', { id: 'table-section' }, el('summary', {}, 'Table of sampled values'), table);
  const usages = el('div', { id: 'usages' });
  const status = el('p', { id: 'status', class: 'status', role: 'status' });

  root.append(
    toolbar,
    status,
    chart,
    readout,
    zonesKey,
    cards,
    el('details', { open: true, id: 'depth-section' }, el('summary', {}, 'Gradient through depth'), el('p', { class: 'hint' }, 'Solid: |f′(x₀)|ⁿ after n layers at one pre-activation. Dashed: (E|f′(x)|)ⁿ with x ~ N(0, σ²) in every layer. Log scale.'), x0Row, sigmaRow, depthChart, depthSummary),
    el('details', { open: true, id: 'stats-section' }, el('summary', {}, 'Output statistics'), el('p', { class: 'hint' }, 'Mean (solid) and variance (dashed) of f(x) for x ~ N(0, σ²); dotted: σ². Where the variance meets σ² with mean 0, the activation keeps its statistics layer after layer.'), sigmaRow2, statsChart, statsSummary),
    tableSection,
    el('details', { open: true, id: 'usages-section' }, el('summary', {}, 'Usages in this file'), usages),
  );
  return { showDerivative, formula, formulaButton, formulaError, resetView, backToCode, exportPng, exportSvg, chart, readout, zonesKey, cards, sigmaInputs: [sigma, sigmaNumber, sigma2, sigmaNumber2], x0Inputs: [x0, x0Number], depthChart, depthSummary, statsChart, statsSummary, table, tableSection, usages, status };
}
