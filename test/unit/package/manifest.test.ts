// The marketplace manifest and page agree with what ships: commands, settings, walkthrough media, icon, allow-list.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, VIEW_TYPES } from '../../../src/core/commandIds';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

/** Whether the allow-list ships `file`: the last matching pattern wins, as in vsce. */
function ships(file: string): boolean {
  let shipped = true;
  for (const line of ignore) {
    const negated = line.startsWith('!');
    const pattern = negated ? line.slice(1) : line;
    const re = new RegExp(`^${pattern.split('**').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('.*').replace(/\.\*\//g, '(?:.*/)?')}$`);
    if (re.test(file)) shipped = negated;
  }
  return shipped;
}

describe('package manifest', () => {
  it('ships the production bundles, the icon and the page, and nothing from development', () => {
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/lazy/hover.js', 'dist/lazy/panel.js', 'dist/lazy/mathjs.js', 'dist/web/extension.js', 'dist/cli.js', 'dist/webview/main.js', 'media/icon.png']) {
      assert.ok(ships(file), `${file} is not shipped`);
    }
    for (const file of ['dist/extension.js.map', 'dist/webview/main.js.map', 'src/extension/extension.ts', 'test/demo/mistakes.py', 'node_modules/mathjs/package.json', 'out/bench/run.js', 'media/icon.svg', 'bench/run.ts']) {
      assert.ok(!ships(file), `${file} would be shipped`);
    }
    assert.ok(ships(pkg.main.replace(/^\.\//, '')) && ships(pkg.browser.replace(/^\.\//, '')));
  });

  it('contributes exactly the command ids and view types of the one registry (src/core/commandIds.ts)', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    const internal = new Set<string>([COMMANDS.listUsages, COMMANDS.openDocs]);
    assert.deepEqual(contributed, Object.values(COMMANDS).filter((id) => !internal.has(id)).sort());
    for (const viewType of Object.values(VIEW_TYPES)) assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${viewType}`), viewType);
  });

  it('has a 128x128 PNG icon', () => {
    const png = readFileSync(path.join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('names every contributed command and setting on the README page', () => {
    for (const command of pkg.contributes.commands) {
      if (command.command === 'activationLens.showPlot') continue; // run from hover links, hidden from the palette
      assert.ok(readme.includes(`**${command.category}: ${command.title.replace('…', '...')}**`), `README misses ${command.title}`);
    }
    for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), `README misses ${key}`);
    const rules = Object.keys(pkg.contributes.configuration.properties['activationLens.diagnostics.rules'].properties);
    for (const rule of rules) assert.ok(readme.includes(`| \`${rule}\` |`), `README misses rule ${rule}`);
  });

  it('walkthrough steps use shipped media and contributed or built-in commands', () => {
    const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const steps = pkg.contributes.walkthroughs.flatMap((w: { steps: unknown[] }) => w.steps) as { description: string; media: Record<string, string>; completionEvents?: string[] }[];
    assert.ok(steps.length >= 4);
    for (const step of steps) {
      for (const file of [step.media.image, step.media.markdown, step.media.svg].filter(Boolean)) {
        assert.ok(existsSync(path.join(root, file)), `${file} is missing`);
        assert.ok(ships(file), `${file} is not shipped`);
      }
      const commands = [...step.description.matchAll(/\(command:([\w.]+)/g), ...(step.completionEvents ?? []).map((e) => /^onCommand:(.+)$/.exec(e) ?? [])].map((m) => m[1]).filter(Boolean);
      for (const id of commands) assert.ok(!id.startsWith('activationLens.') || contributed.has(id), `${id} is not contributed`);
    }
  });

  it('keeps the newcomer commands first on the README and a changelog entry for this version', () => {
    const head = readme.split('\n').slice(0, 6).join('\n');
    assert.match(head, /^npm start\b/m);
    assert.match(head, /^npm test\b/m);
    assert.ok(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8').includes(`## ${pkg.version}`));
  });
});
