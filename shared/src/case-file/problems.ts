import type { z } from 'zod';
import type { PathProblem } from '../config/references.ts';

// Zod's issues in the words an operator reads (docs/case-file.md: `path: message`).
// Same wording as the config's messages, plus the offending value where it helps.

export function issueProblems(issue: z.core.$ZodIssue): PathProblem[] {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
    return [{ path, message: 'required' }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown key' }));
    case 'invalid_type':
      return [{ path, message: `must be ${article(issue.expected)}, not ${describe(issue.input)}` }];
    case 'invalid_value':
      return [{ path, message: `unknown value ${describe(issue.input)}: must be one of ${issue.values.map(String).join(', ')}` }];
    case 'too_small':
      return [{ path, message: issue.origin === 'array' ? `must hold at least ${issue.minimum}` : 'must not be empty' }];
    default:
      // Our own refinements (instants, money, time zones, HH:MM): their message, and the text refused.
      return [{ path, message: typeof issue.input === 'string' ? `${issue.message}: ${JSON.stringify(issue.input)}` : issue.message }];
  }
}

const article = (type: string) => (type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const describe = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
