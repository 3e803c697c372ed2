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

describe('unread count for the launcher', () => {
  it('accepts only a positive whole number, capped, as the background stores it', async () => {
    const { unreadFrom } = await import('./launcher-setting');
    expect([3, 0, -1, 2.5, '4', null, undefined, 5000].map(unreadFrom)).toEqual([3, 0, 0, 0, 0, 0, 0, 999]);
  });
});
