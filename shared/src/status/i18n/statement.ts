import type { Lang } from '../variant.ts';
import { statementEn, type StatementDictionary } from './statement-en.ts';
import { statementVi } from './statement-vi.ts';

export type { StatementDictionary };

const DICTIONARIES: Record<Lang, StatementDictionary> = { vi: statementVi, en: statementEn };

/** The credit statement's words (issue #16): Vietnamese by default, as the status page. */
export function statementDictionary(lang: Lang): StatementDictionary {
  return DICTIONARIES[lang];
}
