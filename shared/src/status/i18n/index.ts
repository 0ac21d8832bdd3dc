import type { Lang } from '../variant.ts';
import { en, type Dictionary } from './en.ts';
import { vi } from './vi.ts';

export type { Dictionary };

const DICTIONARIES: Record<Lang, Dictionary> = { vi, en };

export function dictionary(lang: Lang): Dictionary {
  return DICTIONARIES[lang];
}

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Lang, string> = { vi: 'Tiếng Việt', en: 'English' };
