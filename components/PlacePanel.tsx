/**
 * The side panel's view of the tab it follows: which course and lesson, or why there is none, and
 * below it (when given) what belongs to that course page, such as its peer questions.
 */
import type { ComponentChild } from 'preact';
import type { CoursePlace } from '@/lib/lms/types';
import type { PlaceState } from '@/lib/state/place-store';
import { useT } from './i18n';

export interface PlacePanelProps {
  state: PlaceState;
  /** What to show for a course page, below its name (outside the live region: it announces itself). */
  forCoursePage?: (place: CoursePlace) => ComponentChild;
}

export function PlacePanel({ state, forCoursePage }: PlacePanelProps) {
  const t = useT();
  const place = state.status === 'ready' ? state.context?.place : undefined;
  const coursePlace = place?.isCoursePage && place.courseId ? place : undefined;
  return (
    <main class="panel">
      <header class="panel-header">
        <h1 class="brand">{t('panelTitle')}</h1>
      </header>
      <section aria-live="polite" class="place">
        <PlaceBody state={state} />
      </section>
      {coursePlace && forCoursePage?.(coursePlace)}
    </main>
  );
}

function PlaceBody({ state }: { state: PlaceState }) {
  const t = useT();
  if (state.status === 'loading') return <p class="muted">{t('placeLoading')}</p>;
  if (state.status === 'error') return <p role="alert">{t('placeError')}</p>;
  const place = state.context?.place;
  if (!place) {
    return (
      <div class="empty">
        <p class="empty-title">{t('placeNone')}</p>
        <p class="muted">{t('placeNoneHint')}</p>
      </div>
    );
  }
  if (!place.isCoursePage || !place.courseId) {
    return (
      <div class="empty">
        <p class="empty-title">{t('placeNotCourse', [t(`platform_${place.platform}`)])}</p>
        <p class="muted">{t('placeNotCourseHint')}</p>
      </div>
    );
  }
  return <CourseCard place={place} courseId={place.courseId} />;
}

function CourseCard({ place, courseId }: { place: CoursePlace; courseId: string }) {
  const t = useT();
  const lesson = place.lessonId ? (place.lessonTitle ?? t('placeUntitledLesson')) : t('placeCourseHome');
  return (
    <article class="course-card" aria-labelledby="course-title">
      <p class="platform">{t(`platform_${place.platform}`)}</p>
      <p class="label">{t('placeCourseLabel')}</p>
      <h2 id="course-title" class="course-title">
        {place.courseTitle ?? t('placeUntitledCourse', [courseId])}
      </h2>
      <p class="label">{t('placeLessonLabel')}</p>
      <p class="lesson-title" data-testid="lesson-title">
        {lesson}
      </p>
    </article>
  );
}
