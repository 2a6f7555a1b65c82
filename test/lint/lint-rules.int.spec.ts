/**
 * `npm test` runs `eslint .` (package.json) with eslint.config.js: this checks that the config
 * fails on what it is there for, a floating promise and an import cycle, on real files under src/
 * (the import resolver and the type-aware rules only work on files of the TypeScript project).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

// Not a dot-directory: TypeScript's include globs skip those, and the type-aware rules need the files in the project.
const probe = join(REPO_ROOT, 'src', `lint-probe-${randomBytes(4).toString('hex')}`);
afterAll(() => rmSync(probe, { recursive: true, force: true }));

describe('the lint run by npm test', () => {
  it('fails on a floating promise and on an import cycle, and passes the same code without them', async () => {
    mkdirSync(probe, { recursive: true });
    writeFileSync(join(probe, 'a.ts'), "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(
      join(probe, 'b.ts'),
      "import { a } from './a.js';\nexport const b = (): number => 1;\nexport const c = (): number => a();\n",
    );
    writeFileSync(
      join(probe, 'floating.ts'),
      'export async function save(): Promise<void> {}\nexport function stop(): void {\n  save();\n}\n',
    );
    writeFileSync(
      join(probe, 'handled.ts'),
      'export async function save(): Promise<void> {}\nexport async function stop(): Promise<void> {\n  await save();\n}\n',
    );

    const eslint = new ESLint({ cwd: REPO_ROOT });
    const results = await eslint.lintFiles([join(probe, '*.ts')]);
    const rulesOf = (file: string): string[] =>
      results
        .find((result) => result.filePath.endsWith(file))
        ?.messages.map((message) => message.ruleId ?? message.message) ?? [];
    expect(rulesOf('floating.ts')).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(rulesOf('a.ts')).toContain('import-x/no-cycle');
    expect(rulesOf('b.ts')).toContain('import-x/no-cycle');
    expect(rulesOf('handled.ts')).toEqual([]);
  }, 120_000);
});
