import { describe, expect, it } from 'vitest';
import { parseSettings, showLauncherFrom } from './settings';

const stored: unknown[] = [
  undefined,
  null,
  {},
  { showLauncher: true },
  { showLauncher: false },
  { showLauncher: 'no' },
  { showLauncher: 0 },
  'garbage',
  42,
  [],
];

describe('settings', () => {
  it('defaults to showing the launcher', () => {
    expect(parseSettings(undefined)).toEqual({ showLauncher: true });
  });

  it('keeps an explicit choice', () => {
    expect(parseSettings({ showLauncher: false })).toEqual({ showLauncher: false });
  });

  it.each(stored.map((value) => [JSON.stringify(value) ?? 'undefined', value]))(
    'the content script reads %s exactly as the schema does',
    (_label, value) => {
      const expected = parseSettings(value).showLauncher;
      expect(showLauncherFrom(value)).toBe(expected);
    },
  );
});
