/**
 * Localised strings. UI code receives a `Translate` function: in the extension it is
 * `browser.i18n.getMessage`; in tests it is built from the same `_locales` file by `translatorFrom`.
 */
import type english from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;
export type Translate = (key: MessageKey, substitutions?: string[]) => string;

interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** Chrome's getMessage, for a parsed messages.json: named placeholders, then $1..$9 substitutions. */
export function translatorFrom(messages: Record<string, LocaleEntry>): Translate {
  return (key, substitutions = []) => {
    const entry = messages[key];
    if (!entry) return '';
    const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? placeholder.content : whole;
    });
    return named
      .replace(/\$(\d)/g, (_whole, index: string) => substitutions[Number(index) - 1] ?? '')
      .replace(/\$\$/g, '$');
  };
}

/** The extension's own translator: `browser.i18n` (passed in) serves the user's locale from _locales. */
export function translatorFromI18n(i18n: { getMessage(key: string, substitutions?: string[]): string }): Translate {
  return (key, substitutions) => i18n.getMessage(key, substitutions);
}
