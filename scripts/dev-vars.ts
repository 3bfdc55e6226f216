// Local secrets: .dev.vars, made from .dev.vars.example on first run.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ROOT } from './run-command.ts';

const DEV_VARS = `${ROOT}.dev.vars`;
const EXAMPLE = `${ROOT}.dev.vars.example`;

/** The example file with a fresh random operator token in place of the placeholder. */
export function devVarsFromExample(example: string, token: string): string {
  return example.replace(/^OPERATOR_TOKEN=.*$/m, `OPERATOR_TOKEN=${token}`);
}

/** Parses `KEY=value` lines (comments and blank lines ignored, optional quotes removed). */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1] || line.trimStart().startsWith('#')) continue;
    vars[match[1]] = (match[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  }
  return vars;
}

/** Creates .dev.vars when missing; answers whether it did. */
export function ensureDevVars(): boolean {
  if (existsSync(DEV_VARS)) return false;
  const token = randomBytes(24).toString('base64url');
  writeFileSync(DEV_VARS, devVarsFromExample(readFileSync(EXAMPLE, 'utf8'), token), { mode: 0o600 });
  return true;
}

/** The operator token: the OPERATOR_TOKEN environment variable, else .dev.vars. */
export function operatorToken(): string | undefined {
  if (process.env.OPERATOR_TOKEN) return process.env.OPERATOR_TOKEN;
  if (!existsSync(DEV_VARS)) return undefined;
  return parseDevVars(readFileSync(DEV_VARS, 'utf8')).OPERATOR_TOKEN;
}
