// Runs in the webview. The usages of the active editor's file: a button reveals the line, another plots it.
import type { UsageItem } from '../../shared/protocol';
import { el } from '../dom';
import { frameworkName } from './curveCards';

interface UsageEvents {
  reveal(uri: string, u: UsageItem): void;
  plot(uri: string, u: UsageItem): void;
}

/** Replaces the list with the usages of `fileName`. */
export function renderUsages(root: HTMLElement, fileName: string, uri: string, usages: readonly UsageItem[], events: UsageEvents): void {
  root.replaceChildren();
  root.append(el('p', { class: 'usages-file' }, fileName ? `${fileName}: ${usages.length} activation${usages.length === 1 ? '' : 's'}` : 'No Python file or notebook is active.'));
  if (!usages.length) return;
  const list = el('ul', { class: 'usages' });
  for (const u of usages) {
    const reveal = el('button', { type: 'button', class: 'link', title: 'Reveal in the editor' }, `Line ${u.line + 1}: `, el('code', {}, u.text));
    reveal.addEventListener('click', () => events.reveal(uri, u));
    const plot = el('button', { type: 'button', class: 'small', 'aria-label': `Plot ${u.name} from line ${u.line + 1}` }, 'Plot');
    plot.addEventListener('click', () => events.plot(uri, u));
    list.append(el('li', {}, reveal, el('span', { class: 'usage-meta' }, ` ${u.name} · ${frameworkName(u.framework)} `), plot));
  }
  root.append(list);
}
