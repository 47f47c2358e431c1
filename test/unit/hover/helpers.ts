/** Shared helpers for hover tests: scan a fixture with the real scanner, hover its usages, decode images. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown, type HoverOptions } from '../../../src/core/hover';
import { scanPython, type Usage } from '../../../src/core/scan';

export const FIXTURE = readFileSync(path.join(__dirname, '../../../../test/fixtures/hover/forms.py'), 'utf8');
export const USAGES = scanPython(FIXTURE).usages;

/** The usage on the line containing `marker` (first match of the given form, if any). */
export function usageOn(marker: string, form?: Usage['form']): Usage {
  const line = FIXTURE.split('\n').findIndex((l) => l.includes(marker));
  const u = USAGES.find((x) => x.line === line && (!form || x.form === form));
  if (!u) throw new Error(`no ${form ?? ''} usage on the line with ${marker}`);
  return u;
}

export function hover(u: Usage, options: Partial<HoverOptions> = {}): string {
  const md = hoverMarkdown(u, catalogPort, { ...DEFAULT_OPTIONS, ...options }, FIXTURE);
  if (md === undefined) throw new Error(`no hover for ${u.name}`);
  return md;
}

/** Every Markdown image as { alt, uri }. */
export function images(md: string): { alt: string; uri: string }[] {
  return [...md.matchAll(/!\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1], uri: m[2] }));
}

/** Decodes a data:image/svg+xml;base64 URI to SVG text. */
export function svgOf(uri: string): string {
  const prefix = 'data:image/svg+xml;base64,';
  if (!uri.startsWith(prefix)) throw new Error(`not an SVG data URI: ${uri.slice(0, 40)}`);
  return Buffer.from(uri.slice(prefix.length), 'base64').toString('utf8');
}

/** Every link target in the Markdown, with the command arguments decoded. */
export function links(md: string): { label: string; target: string; command?: string; args?: unknown }[] {
  return [...md.matchAll(/(?<![!\\])\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map((m) => {
    const target = m[2];
    const cmd = /^command:([\w.]+)(?:\?(.*))?$/.exec(target);
    return { label: m[1], target, command: cmd?.[1], args: cmd?.[2] ? JSON.parse(decodeURIComponent(cmd[2])) : undefined };
  });
}

/** The text drawn in the hover's figure (property lines, symbols, axis labels), XML entities decoded. */
export function figureText(md: string): string {
  const img = images(md)[0];
  if (!img) return '';
  const svg = svgOf(img.uri);
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'))
    .join('\n');
}
