/** The translate function, handed to components through context (no component reaches for `browser`). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/translate';

export const I18nContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(I18nContext);
}
