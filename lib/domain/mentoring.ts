/**
 * Mentoring as the panel shows it (supabase/migrations/*_mentor_*.sql): the org's mentors who take
 * requests, and the requests the viewer made or received. Requests move requested -> accepted |
 * declined | withdrawn | expired, accepted -> completed | withdrawn; the database decides every
 * transition. PURE: no I/O.
 */
import { z } from 'zod/mini';

export const mentorRequestStates = ['requested', 'accepted', 'declined', 'withdrawn', 'expired', 'completed'] as const;
export type MentorRequestState = (typeof mentorRequestStates)[number];

/** The request message's bounds, as the database checks them (mentor_requests_message_length). */
export const MENTOR_MESSAGE_MAX = 1000;

export const MentorSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  skills: z.array(z.string()),
  availability: z.string(),
  capacity: z.number(),
});
export type Mentor = z.infer<typeof MentorSchema>;

export const MentorRequestSchema = z.object({
  id: z.string(),
  learnerId: z.string(),
  mentorId: z.string(),
  learnerName: z.string(),
  mentorName: z.string(),
  message: z.string(),
  reply: z.nullable(z.string()),
  state: z.enum(mentorRequestStates),
  createdAt: z.number(),
});
export type MentorRequest = z.infer<typeof MentorRequestSchema>;

export const MentoringSchema = z.object({
  viewerId: z.string(),
  mentors: z.array(MentorSchema),
  /** Newest first: the ones the viewer made and the ones made to the viewer. */
  requests: z.array(MentorRequestSchema),
});
export type Mentoring = z.infer<typeof MentoringSchema>;

/** What the panel gets back: the mentoring, or a sentence saying why not. */
export const MentoringAnswerSchema = z.union([
  z.object({ ok: z.literal(true), mentoring: MentoringSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type MentoringAnswer = z.infer<typeof MentoringAnswerSchema>;

export const isOpen = (request: MentorRequest) => request.state === 'requested' || request.state === 'accepted';

/** The viewer's open request to this mentor, if any (the database allows one per pair). */
export function openRequestTo(mentoring: Mentoring, mentorId: string): MentorRequest | undefined {
  return mentoring.requests.find(
    (request) => request.learnerId === mentoring.viewerId && request.mentorId === mentorId && isOpen(request),
  );
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2);

/**
 * Does a mentor's skill name something on this page? A skill matches when each of its words appears
 * among the words of the course and lesson titles ("SQL" matches "Intro to SQL joins").
 */
export function skillsMatching(mentor: Mentor, titles: (string | undefined)[]): string[] {
  const onPage = new Set(titles.flatMap((title) => (title ? words(title) : [])));
  return mentor.skills.filter((skill) => {
    const skillWords = words(skill);
    return skillWords.length > 0 && skillWords.every((word) => onPage.has(word));
  });
}

/**
 * Mentors in the order the panel lists them: those whose skills match this page first, then by name;
 * never the viewer themself.
 */
export function mentorsFor(
  mentoring: Mentoring,
  titles: (string | undefined)[],
): { mentor: Mentor; matches: string[] }[] {
  return mentoring.mentors
    .filter((mentor) => mentor.userId !== mentoring.viewerId)
    .map((mentor) => ({ mentor, matches: skillsMatching(mentor, titles) }))
    .sort(
      (a, b) =>
        Number(b.matches.length > 0) - Number(a.matches.length > 0) ||
        a.mentor.displayName.localeCompare(b.mentor.displayName),
    );
}
