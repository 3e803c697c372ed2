/**
 * Search tokens for the local full-text index: the same normalisation for what is stored and what is
 * asked, so "Café" finds "cafe". PURE; knows nothing of where the tokens are kept.
 */

/** Long bodies keep their first this-many distinct words in the index, which bounds its size. */
export const maxTokensPerText = 500;

/** Lowercase, accents removed (NFKD), split on anything that is not a letter or digit; 2+ characters. */
export function searchTokens(text: string, limit = maxTokensPerText): string[] {
  const tokens = new Set<string>();
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  for (const word of words) {
    if (word.length < 2) continue;
    tokens.add(word);
    if (tokens.size >= limit) break;
  }
  return [...tokens];
}
