// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import type { TabContext } from '@/lib/messaging/protocol';
import { PlacePanel } from './PlacePanel';

const ready = (place: TabContext['place']) =>
  ({ status: 'ready', context: { tabId: 1, detectedAt: 1, place } }) as const;

describe('PlacePanel', () => {
  it('names the course and the lesson of the tab', async () => {
    const view = renderWithStrings(
      <PlacePanel
        state={ready({
          platform: 'moodle',
          isCoursePage: true,
          courseId: '4021',
          courseTitle: 'Introduction to Data Analysis',
          lessonId: 'cm:1',
          lessonTitle: 'Quiz: Variables',
          key: 'k',
        })}
      />,
    );
    expect(view.querySelector('h2')?.textContent).toBe('Introduction to Data Analysis');
    expect(view.textContent).toContain('Quiz: Variables');
    expect(view.textContent).toContain('Moodle');
    expect(await axeViolations()).toEqual([]);
  });

  it('calls a course page without a lesson the course home, and falls back to the course id', () => {
    const view = renderWithStrings(
      <PlacePanel state={ready({ platform: 'canvas', isCoursePage: true, courseId: '1730', key: 'k' })} />,
    );
    expect(view.querySelector('h2')?.textContent).toBe('Course 1730');
    expect(view.textContent).toContain('Course home');
  });

  it('says plainly when the tab is not a course page', async () => {
    const view = renderWithStrings(<PlacePanel state={ready(null)} />);
    expect(view.textContent).toContain("This tab isn't a course page Peerside knows.");
    expect(await axeViolations()).toEqual([]);
  });

  it('says which LMS it is when the page is not part of a course', () => {
    const view = renderWithStrings(<PlacePanel state={ready({ platform: 'canvas', isCoursePage: false, key: 'k' })} />);
    expect(view.textContent).toContain("You're on Canvas, but this page isn't part of a course.");
  });

  it('explains a failure as a sentence with what to do', () => {
    const view = renderWithStrings(<PlacePanel state={{ status: 'error' }} />);
    expect(view.querySelector('[role="alert"]')?.textContent).toMatch(/Reload the page/);
  });

  it('renders page text as text, never as markup', () => {
    const view = renderWithStrings(
      <PlacePanel
        state={ready({
          platform: 'canvas',
          isCoursePage: true,
          courseId: '1',
          courseTitle: '<img src=x onerror=alert(1)>',
          key: 'k',
        })}
      />,
    );
    expect(view.querySelector('img')).toBeNull();
    expect(view.querySelector('h2')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows what belongs to a course page below its name, and nothing extra elsewhere', () => {
    const extra = (place: { key: string }) => <p data-testid="extra">{place.key}</p>;
    const course = renderWithStrings(
      <PlacePanel
        state={ready({ platform: 'canvas', isCoursePage: true, courseId: '1', key: 'canvas|k' })}
        forCoursePage={extra}
      />,
    );
    expect(course.querySelector('[data-testid="extra"]')?.textContent).toBe('canvas|k');
    expect(course.querySelector('[aria-live] [data-testid="extra"]')).toBeNull(); // not in the live region
    const other = renderWithStrings(
      <PlacePanel state={ready({ platform: 'canvas', isCoursePage: false, key: 'k' })} forCoursePage={extra} />,
    );
    expect(other.querySelector('[data-testid="extra"]')).toBeNull();
  });
});
