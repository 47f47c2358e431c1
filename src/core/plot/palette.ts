/**
 * Colours for images shown in hovers. An SVG loaded as an image cannot read the editor's theme variables,
 * so each image is drawn for the theme kind the editor reports, on its own background, so it stays legible
 * even under a custom theme of the same kind.
 */

/** Mirrors vscode.ColorThemeKind without importing vscode. */
export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export interface Palette {
  readonly background: string;
  readonly border: string;
  readonly text: string;
  readonly axis: string;
  readonly grid: string;
  readonly f: string;
  readonly df: string;
  readonly dead: string;
  readonly saturation: string;
  /** Opacity of the shaded zones; high contrast themes get stronger fills. */
  readonly zoneOpacity: number;
  readonly strokeWidth: number;
}

const PALETTES: Readonly<Record<ThemeKind, Palette>> = {
  light: {
    background: '#ffffff', border: '#d0d0d0', text: '#1f1f1f', axis: '#6e6e6e', grid: '#ececec',
    f: '#005fb8', df: '#b35900', dead: '#d13438', saturation: '#8a6d00', zoneOpacity: 0.13, strokeWidth: 2,
  },
  dark: {
    background: '#1e1e1e', border: '#454545', text: '#e0e0e0', axis: '#9d9d9d', grid: '#2f2f2f',
    f: '#4fc1ff', df: '#f0a35e', dead: '#f14c4c', saturation: '#d7ba7d', zoneOpacity: 0.18, strokeWidth: 2,
  },
  highContrast: {
    background: '#000000', border: '#ffffff', text: '#ffffff', axis: '#ffffff', grid: '#3a3a3a',
    f: '#00ffff', df: '#ffd700', dead: '#ff6b6b', saturation: '#ffffff', zoneOpacity: 0.3, strokeWidth: 2.5,
  },
  highContrastLight: {
    background: '#ffffff', border: '#000000', text: '#000000', axis: '#000000', grid: '#c8c8c8',
    f: '#0000c8', df: '#8b2800', dead: '#b00000', saturation: '#000000', zoneOpacity: 0.22, strokeWidth: 2.5,
  },
};

/** The palette for a theme kind (dark when unknown: the most common editor theme). */
export function paletteFor(kind: ThemeKind | undefined): Palette {
  return PALETTES[kind ?? 'dark'] ?? PALETTES.dark;
}

/** Colour of body text (formula images) for a theme kind. */
export function textColourFor(kind: ThemeKind | undefined): string {
  return paletteFor(kind).text;
}
