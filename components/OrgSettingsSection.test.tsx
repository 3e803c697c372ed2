// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ORG_SETTINGS, type OrgSettings, type OrgSettingsChange } from '@/lib/domain/org-settings';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { until } from '@/tests/fixtures/peer';
import { OrgSettingsSection, type OrgSettingsServices } from './OrgSettingsSection';

/** The background's settings as the dashboard sees them: saving changes what the next load answers. */
function backend(initial: OrgSettings = { ...DEFAULT_ORG_SETTINGS }) {
  let settings = initial;
  const services: OrgSettingsServices = {
    load: vi.fn(async () => ({ ok: true as const, settings: { ...settings } })),
    save: vi.fn(async (change: OrgSettingsChange) => {
      settings = { ...settings, ...change };
    }),
  };
  return { services, current: () => settings };
}

const checkbox = (view: Element, label: string) =>
  [...view.querySelectorAll('label')].find((l) => l.textContent === label)!.querySelector('input')!;
const saveButton = (view: Element) =>
  [...view.querySelectorAll('button')].find((b) => b.textContent === 'Save settings')!;
const click = (element: HTMLElement) => act(() => element.click());

describe('OrgSettingsSection', () => {
  it('lists every setting with its hint, checked as saved, and Save waits for a change', async () => {
    const { services } = backend({ ...DEFAULT_ORG_SETTINGS, reviewsEnabled: false });
    const view = renderWithStrings(<OrgSettingsSection services={services} />);
    expect(view.textContent).toContain("Loading your organisation's settings…");
    await until(() => view.querySelector('fieldset') !== null, 'the settings');
    expect(view.querySelector('h2')!.textContent).toBe('Organisation settings');
    expect(view.querySelector('legend')!.textContent).toBe('Features and moderation');
    const labels = [...view.querySelectorAll('fieldset label')].map((label) => label.textContent);
    expect(labels).toEqual([
      'Questions and answers',
      'Endorsements',
      'Mentoring',
      'Peer reviews',
      'Circles',
      'Shared resources (playlists)',
      'Pre-moderation',
      'Anonymous posting',
    ]);
    expect(labels.map((label) => checkbox(view, label!).checked)).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
      false,
      false,
    ]);
    // Each hint is the checkbox's description.
    const anonymous = checkbox(view, 'Anonymous posting');
    expect(document.getElementById(anonymous.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Kept for later: the panel does not offer anonymous posting yet, so this changes nothing for now.',
    );
    expect(saveButton(view).disabled).toBe(true);
    expect(await axeViolations()).toEqual([]);

    // Changing a setting and changing it back leaves nothing to save.
    await click(checkbox(view, 'Circles'));
    expect(saveButton(view).disabled).toBe(false);
    await click(checkbox(view, 'Circles'));
    expect(saveButton(view).disabled).toBe(true);
  });

  it('saves only what changed, says so politely, and shows the saved settings', async () => {
    const { services, current } = backend();
    const view = renderWithStrings(<OrgSettingsSection services={services} />);
    await until(() => view.querySelector('fieldset') !== null, 'the settings');
    await click(checkbox(view, 'Circles'));
    await click(checkbox(view, 'Pre-moderation'));
    await click(saveButton(view));
    await until(() => view.querySelector('[role="status"]')!.textContent !== '', 'the announcement');
    expect(services.save).toHaveBeenCalledWith({ circlesEnabled: false, preModeration: true });
    expect(current()).toEqual({ ...DEFAULT_ORG_SETTINGS, circlesEnabled: false, preModeration: true });
    expect(view.querySelector('[role="status"]')!.textContent).toBe(
      "Settings saved. Members' panels follow when they next come into view.",
    );
    await until(() => (services.load as ReturnType<typeof vi.fn>).mock.calls.length === 2, 'the reload');
    expect(checkbox(view, 'Circles').checked).toBe(false);
    expect(checkbox(view, 'Pre-moderation').checked).toBe(true);
    expect(saveButton(view).disabled).toBe(true);
    expect(view.querySelector('[role="alert"]')).toBeNull();
  });

  it("shows the database's refusal and keeps the admin's choice; a load error offers Try again", async () => {
    const { services } = backend();
    (services.load as ReturnType<typeof vi.fn>).mockResolvedValueOnce({
      ok: false,
      error: "Your organisation's settings need a connection. Try again when you're back online.",
    });
    services.save = vi.fn(async () => {
      throw new Error("Only admins can change your organisation's settings.");
    });
    const view = renderWithStrings(<OrgSettingsSection services={services} />);
    await until(() => view.querySelector('[role="alert"]') !== null, 'the load error');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe(
      "Your organisation's settings need a connection. Try again when you're back online.",
    );
    expect(await axeViolations()).toEqual([]);
    await click([...view.querySelectorAll('button')].find((b) => b.textContent === 'Try again')!);
    await until(() => view.querySelector('fieldset') !== null, 'the settings');

    await click(checkbox(view, 'Mentoring'));
    await click(saveButton(view));
    await until(() => view.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe(
      "Only admins can change your organisation's settings.",
    );
    expect(checkbox(view, 'Mentoring').checked).toBe(false);
    expect(saveButton(view).disabled).toBe(false);
    expect(view.querySelector('[role="status"]')!.textContent).toBe('');
    expect(await axeViolations()).toEqual([]);
  });
});
