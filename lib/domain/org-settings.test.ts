import { describe, expect, it } from 'vitest';
import {
  changedSettings,
  DEFAULT_ORG_SETTINGS,
  NO_PANEL_FEATURES,
  OrgSettingsSchema,
  panelFeatures,
  sameFeatures,
} from './org-settings';

describe('panelFeatures', () => {
  it('offers every feature of an org nobody configured', () => {
    expect(panelFeatures(DEFAULT_ORG_SETTINGS)).toEqual({
      resources: true,
      circles: true,
      reviews: true,
      mentoring: true,
      endorsements: true,
    });
  });

  it('leaves out each feature the org turned off, and nothing else', () => {
    expect(panelFeatures({ ...DEFAULT_ORG_SETTINGS, circlesEnabled: false })).toEqual({
      resources: true,
      circles: false,
      reviews: true,
      mentoring: true,
      endorsements: true,
    });
    expect(
      panelFeatures({
        ...DEFAULT_ORG_SETTINGS,
        playlistsEnabled: false,
        circlesEnabled: false,
        reviewsEnabled: false,
        mentoringEnabled: false,
        endorsementsEnabled: false,
      }),
    ).toEqual(NO_PANEL_FEATURES);
    // Q&A, pre-moderation and anonymous posting do not change which tabs the panel offers.
    expect(
      panelFeatures({ ...DEFAULT_ORG_SETTINGS, qaEnabled: false, preModeration: true, anonymousPosting: true }),
    ).toEqual(panelFeatures(DEFAULT_ORG_SETTINGS));
  });

  it('offers nothing beside the questions until the settings are known', () => {
    expect(panelFeatures(null)).toEqual(NO_PANEL_FEATURES);
  });

  it('tells equal feature sets apart from different ones', () => {
    expect(sameFeatures(panelFeatures(DEFAULT_ORG_SETTINGS), panelFeatures({ ...DEFAULT_ORG_SETTINGS }))).toBe(true);
    expect(sameFeatures(panelFeatures(DEFAULT_ORG_SETTINGS), panelFeatures(null))).toBe(false);
  });
});

describe('changedSettings', () => {
  it('names only the settings that differ', () => {
    expect(changedSettings(DEFAULT_ORG_SETTINGS, { ...DEFAULT_ORG_SETTINGS })).toEqual({});
    expect(
      changedSettings(DEFAULT_ORG_SETTINGS, { ...DEFAULT_ORG_SETTINGS, circlesEnabled: false, preModeration: true }),
    ).toEqual({ circlesEnabled: false, preModeration: true });
  });

  it('has defaults that are valid settings', () => {
    expect(OrgSettingsSchema.parse(DEFAULT_ORG_SETTINGS)).toEqual(DEFAULT_ORG_SETTINGS);
  });
});
