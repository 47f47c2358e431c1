// The `.mjs` scripts and harness are checked like the TypeScript: every one of them is in the scripts project
// (checkJs, Node types only), and `npm run typecheck` runs that project.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = process.cwd();
const SKIP = new Set(['node_modules', 'dist', 'out', '.git', '.vscode-test', '.vscode-test-web']);

function mjsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) || full === path.join(root, 'test/harness/hosts') ? [] : mjsFiles(full);
    return e.name.endsWith('.mjs') ? [full] : [];
  });
}

describe('scripts are type-checked', () => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.scripts.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) });

  it('tsconfig.scripts.json checks every .mjs file of the repository, with Node types and no DOM', () => {
    assert.ok(config);
    assert.equal(config.options.checkJs, true);
    assert.deepEqual(config.options.types, ['node']);
    assert.ok(!config.options.lib?.some((l) => /dom/i.test(l)), 'the scripts project must not see the DOM');
    const checked = new Set(config.fileNames.map((f) => path.resolve(f)));
    const missing = mjsFiles(root).filter((f) => !checked.has(f)).map((f) => path.relative(root, f));
    assert.deepEqual(missing, [], 'these scripts are not type-checked');
    assert.ok(checked.size >= 30, `only ${checked.size} scripts found`);
  });

  it('npm run typecheck runs the scripts project', () => {
    assert.match(readFileSync(path.join(root, 'scripts/typecheck.mjs'), 'utf8'), /'tsconfig\.scripts\.json'/);
  });
});
