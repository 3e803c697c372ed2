/**
 * Contributors as the panel shows them (supabase/migrations/*_top_contributors.sql): the people who
 * helped most in the page's course lately, what they did, and their profile skills with the standing
 * endorsements of each and the viewer's own (to withdraw). The database ranks them and decides every
 * rule (never your own skill, once per skill). PURE: no I/O.
 */
import { z } from 'zod/mini';

/** The period the panel asks about, in days, and how many people it lists. */
export const CONTRIBUTOR_DAYS = 30;
export const CONTRIBUTORS_SHOWN = 10;
/** A profile skill's length, as the database bounds it (members_skills_bounded). */
export const SKILL_MAX = 40;

const count = z.number().check(z.int(), z.nonnegative());

export const ContributorSkillSchema = z.object({
  /** As the member's profile spells it. */
  name: z.string(),
  /** Standing endorsements of this skill, from anyone. */
  endorsements: count,
  /** The viewer's standing endorsement of it (its id, to withdraw), or null. */
  mine: z.nullable(z.string()),
});
export type ContributorSkill = z.infer<typeof ContributorSkillSchema>;

export const ContributorSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  skills: z.array(ContributorSkillSchema),
  /** Answers and replies in the period. */
  answers: count,
  acceptedAnswers: count,
  endorsementsReceived: count,
  /** Net: up-votes minus down-votes, so it can be negative. */
  helpfulVotes: z.number().check(z.int()),
  score: z.number().check(z.int()),
});
export type Contributor = z.infer<typeof ContributorSchema>;

export const ContributorsSchema = z.object({
  viewerId: z.string(),
  /** The course asked about, or null for the whole organisation. */
  courseKey: z.nullable(z.string()),
  /** Most helpful first, as the database ranked them. */
  contributors: z.array(ContributorSchema),
});
export type Contributors = z.infer<typeof ContributorsSchema>;

/** What the panel gets back: the contributors, or a sentence saying why not. */
export const ContributorsAnswerSchema = z.union([
  z.object({ ok: z.literal(true), contributors: ContributorsSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ContributorsAnswer = z.infer<typeof ContributorsAnswerSchema>;

/** The same skill however a profile and an endorsement spell it ("sql " is "SQL"), as the database matches it. */
export const sameSkill = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A standing skill endorsement as read from the endorsements table. */
export interface SkillEndorsement {
  id: string;
  endorserId: string;
  memberId: string;
  skill: string;
}

/**
 * A member's profile skills, each with its standing endorsements and the viewer's own. Endorsements of
 * a skill no longer on the profile are not shown (the profile is what the member offers now).
 */
export function skillsWithEndorsements(
  memberId: string,
  skills: string[],
  endorsements: SkillEndorsement[],
  viewerId: string,
): ContributorSkill[] {
  return skills.map((name) => {
    const of = endorsements.filter((e) => e.memberId === memberId && sameSkill(e.skill, name));
    return { name, endorsements: of.length, mine: of.find((e) => e.endorserId === viewerId)?.id ?? null };
  });
}

/** What someone did in the period, as the parts of a short sentence (zero parts left out; answers always shown). */
export function contributionParts(
  contributor: Pick<Contributor, 'answers' | 'acceptedAnswers' | 'endorsementsReceived' | 'helpfulVotes'>,
): { kind: 'answers' | 'accepted' | 'endorsements' | 'votes'; count: number }[] {
  const parts: { kind: 'answers' | 'accepted' | 'endorsements' | 'votes'; count: number }[] = [
    { kind: 'answers', count: contributor.answers },
  ];
  if (contributor.acceptedAnswers > 0) parts.push({ kind: 'accepted', count: contributor.acceptedAnswers });
  if (contributor.endorsementsReceived > 0)
    parts.push({ kind: 'endorsements', count: contributor.endorsementsReceived });
  if (contributor.helpfulVotes > 0) parts.push({ kind: 'votes', count: contributor.helpfulVotes });
  return parts;
}
