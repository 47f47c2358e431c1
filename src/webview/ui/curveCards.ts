// Runs in the webview. The legend: one card per curve with its framework, parameters (slider and
// number input each, the framework default marked) and "back to the code's values".
import type { CurveInfo, ParamSpec, ParamValues } from '../../shared/protocol';
import { el, fmt } from '../dom';
import type { Theme } from './theme';
import { formulaImages } from './formulaImages';

interface CardEvents {
  onValues(curveId: string, values: ParamValues): void;
  onSelect(index: number): void;
  onRemove(curveId: string): void;
}

interface ParamRow {
  readonly spec: ParamSpec;
  readonly slider: HTMLInputElement;
  readonly input: HTMLInputElement;
}

/** Renders and keeps in sync the legend cards; values live in the caller's model. */
export class CurveCards {
  private rows = new Map<string, ParamRow[]>();
  private swatches: HTMLElement[] = [];
  private cards: HTMLElement[] = [];
  private formulas: ((colour: string) => void)[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly events: CardEvents,
  ) {}

  render(curves: readonly CurveInfo[], values: ReadonlyMap<string, ParamValues>, selected: number, theme: Theme): void {
    this.root.replaceChildren();
    this.rows.clear();
    this.swatches = [];
    this.cards = [];
    this.formulas = [];
    curves.forEach((c, i) => {
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      this.swatches.push(swatch);
      const title = el('button', { class: 'curve-title', type: 'button', 'aria-pressed': String(i === selected), title: 'Shade this curve’s saturation and dead zones' }, swatch, c.label);
      title.addEventListener('click', () => this.events.onSelect(i));
      const meta = el('span', { class: 'curve-meta' }, c.framework ? frameworkName(c.framework) : 'formula', c.source.kind === 'formula' ? ` · ${c.source.text}` : '');
      const remove = el('button', { class: 'icon-button', type: 'button', 'aria-label': `Remove ${c.label}`, title: 'Remove' }, '×');
      remove.addEventListener('click', () => this.events.onRemove(c.id));
      const head = el('div', { class: 'curve-head' }, title, meta, remove);
      const card = el('section', { class: 'curve-card', 'aria-label': `${c.label} ${c.framework ?? ''}`.trim(), 'data-curve': c.id }, head);
      if (c.typeset && c.source.kind === 'formula') {
        // Typeset by the host's math renderer; the head's meta line keeps the formula as text.
        const typeset = formulaImages(c.typeset, c.source.text, theme.foreground);
        this.formulas.push(typeset.repaint);
        card.append(typeset.block);
      }
      if (c.note) card.append(el('p', { class: 'curve-note' }, c.note));
      const current = values.get(c.id) ?? c.codeValues;
      const rows = c.params.map((p) => this.paramRow(c, p, current));
      this.rows.set(c.id, rows);
      for (const r of rows) card.append(r.slider.closest('.param') as HTMLElement);
      if (c.params.length) {
        const back = el('button', { type: 'button', class: 'back-to-code' }, 'Back to the code’s values');
        back.addEventListener('click', () => this.events.onValues(c.id, { ...c.codeValues }));
        card.append(back);
      }
      this.cards.push(card);
      this.root.append(card);
    });
    this.recolour(theme);
  }

  /** Puts values set elsewhere (reset, restore) into the inputs. */
  show(curveId: string, values: ParamValues): void {
    for (const r of this.rows.get(curveId) ?? []) {
      const v = values[r.spec.name];
      if (v === undefined) continue;
      if (document.activeElement !== r.input) r.input.value = String(v);
      r.slider.value = String(v);
    }
  }

  select(index: number): void {
    this.cards.forEach((c, i) => c.querySelector('.curve-title')?.setAttribute('aria-pressed', String(i === index)));
  }

  recolour(theme: Theme): void {
    this.swatches.forEach((s, i) => (s.style.backgroundColor = theme.series(i)));
    for (const repaint of this.formulas) repaint(theme.foreground);
  }

  private paramRow(c: CurveInfo, p: ParamSpec, current: ParamValues): ParamRow {
    const id = `p-${c.id}-${p.name}`;
    const value = current[p.name] ?? p.default;
    const listId = `${id}-default`;
    const slider = el('input', { type: 'range', id, min: p.min, max: p.max, step: p.step, value: value ?? p.min, list: p.default === null ? undefined : listId, 'aria-label': `${p.name} of ${c.label}` });
    // The datalist draws a tick on the slider at the framework default.
    const ticks = p.default === null ? null : el('datalist', { id: listId }, el('option', { value: p.default, label: 'default' }));
    const input = el('input', { type: 'number', class: 'param-number', min: p.min, max: p.max, step: p.step, value: value ?? '', 'aria-label': `${p.name} of ${c.label}, exact value` });
    const code = c.codeValues[p.name];
    const hint = el('span', { class: 'param-default' }, p.default === null ? 'default None' : `default ${fmt(p.default)}`, code !== undefined && code !== p.default ? ` · code ${fmt(code)}` : '');
    const label = el('label', { for: id }, p.name);
    el('div', { class: 'param' }, label, slider, ticks, input, hint);
    const emit = (v: number) => {
      if (!Number.isFinite(v)) return;
      const values = { ...this.valuesOf(c.id), [p.name]: v };
      this.events.onValues(c.id, values);
    };
    slider.addEventListener('input', () => {
      input.value = slider.value;
      emit(Number(slider.value));
    });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(v)) return;
      slider.value = String(v);
      emit(v);
    });
    return { spec: p, slider, input };
  }

  private valuesOf(curveId: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.rows.get(curveId) ?? []) if (r.input.value.trim() !== '') out[r.spec.name] = Number(r.input.value);
    return out;
  }
}

/** Display name of a framework for the legend. */
export function frameworkName(f: string): string {
  return f === 'torch' ? 'PyTorch' : f === 'keras' ? 'Keras' : f === 'tf' ? 'TensorFlow' : f;
}
