/** The People tab: who helps most in the course (endorse their skills), then mentoring. */
import type { CoursePlace } from '@/lib/lms/types';
import { ContributorsSection } from './ContributorsSection';
import { MentoringSection } from './MentoringSection';

export function PeopleTab({ place }: { place: CoursePlace }) {
  return (
    <>
      <ContributorsSection place={place} />
      <MentoringSection place={place} />
    </>
  );
}
