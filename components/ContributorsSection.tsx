/**
 * Who helps most in the page's course over the last 30 days, as the database ranks them: each person
 * with what they did as a short sentence and their profile skills with the endorsements of each, and
 * for everyone but the viewer an "Endorse <name> for <skill>" toggle per skill (pressed: the viewer's
 * standing endorsement; pressing again withdraws it). Everything here is online: the database decides
 * every rule and its refusals arrive as sentences. Absent services: nothing shows.
 */
import { useEffect, useState } from 'preact/hooks';
import { courseKeyOf } from '@/lib/domain/circles';
import {
  contributionParts,
  type Contributor,
  type Contributors,
  type ContributorSkill,
} from '@/lib/domain/contributors';
import type { CoursePlace } from '@/lib/lms/types';
import { useT } from './i18n';
import { sentenceOf, useAnnounce, usePeerServices, useViewer } from './peer-services';
import { LoadError } from './actions';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; contributors: Contributors }
  | { status: 'error'; error: string };
type Translate = ReturnType<typeof useT>;

export function ContributorsSection({ place }: { place: CoursePlace }) {
  const t = useT();
  const services = usePeerServices();
  const viewer = useViewer();
  const contributorsServices = services.contributors;
  // The course of the page; a page outside any course asks about the whole organisation.
  const courseKey = courseKeyOf(place);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  const load = async () => {
    if (!contributorsServices) return;
    const answer = await contributorsServices
      .load(courseKey)
      .catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setLoaded(
      answer.ok ? { status: 'ready', contributors: answer.contributors } : { status: 'error', error: answer.error },
    );
  };
  useEffect(() => {
    void load();
  }, [contributorsServices, courseKey, viewer.orgId, viewer.userId]);

  if (!contributorsServices) return null;

  let body;
  if (loaded.status === 'loading') {
    body = <p class="muted">{t('contributorsLoading')}</p>;
  } else if (loaded.status === 'error') {
    body = <LoadError error={loaded.error} onRetry={() => void load()} />;
  } else if (loaded.contributors.contributors.length === 0) {
    body = <p class="muted">{t('contributorsNone')}</p>;
  } else {
    body = (
      <ol class="contributor-list">
        {loaded.contributors.contributors.map((contributor) => (
          <ContributorItem
            key={contributor.userId}
            contributor={contributor}
            isViewer={contributor.userId === viewer.userId}
            canEndorse={contributorsServices.endorse !== undefined && contributorsServices.withdraw !== undefined}
            onChanged={load}
          />
        ))}
      </ol>
    );
  }
  return (
    <section class="contributors" aria-labelledby="contributors-heading">
      <h3 id="contributors-heading">{t(courseKey ? 'contributorsHeading' : 'contributorsHeadingOrg')}</h3>
      {body}
    </section>
  );
}

const countOf = (t: Translate, kind: 'answers' | 'accepted' | 'endorsements' | 'votes', count: number): string => {
  if (kind === 'accepted') return t('contributorsAccepted', [String(count)]);
  const [one, many] = {
    answers: ['contributorsAnswersOne', 'contributorsAnswersMany'] as const,
    endorsements: ['contributorsEndorsementsOne', 'contributorsEndorsementsMany'] as const,
    votes: ['contributorsVotesOne', 'contributorsVotesMany'] as const,
  }[kind];
  return count === 1 ? t(one) : t(many, [String(count)]);
};

/** "3 answers and replies, 1 accepted, 2 endorsements, 4 helpful votes." */
function contributionSentence(t: Translate, contributor: Contributor): string {
  const parts = contributionParts(contributor).map(({ kind, count }) => countOf(t, kind, count));
  return t('contributorsSentence', [parts.join(', ')]);
}

function ContributorItem({
  contributor,
  isViewer,
  canEndorse,
  onChanged,
}: {
  contributor: Contributor;
  isViewer: boolean;
  /** False where the organisation turned endorsements off. */
  canEndorse: boolean;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const name = contributor.displayName;
  return (
    <li class="contributor-item">
      <p class="contributor-name">
        {name}
        {isViewer && <span class="badge">{t('contributorsYou')}</span>}
      </p>
      <p class="contributor-summary">{contributionSentence(t, contributor)}</p>
      {contributor.skills.length > 0 && (
        <ul class="skill-list" aria-label={t('contributorsSkillsLabel', [name])}>
          {contributor.skills.map((skill) => (
            <SkillItem
              key={skill.name}
              memberId={contributor.userId}
              memberName={name}
              skill={skill}
              canEndorse={!isViewer && canEndorse}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function SkillItem({
  memberId,
  memberName,
  skill,
  canEndorse,
  onChanged,
}: {
  memberId: string;
  memberName: string;
  skill: ContributorSkill;
  canEndorse: boolean;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const { contributors } = usePeerServices();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (skill.mine) {
        await contributors!.withdraw!(skill.mine);
        announce(t('contributorsWithdrawn', [memberName, skill.name]));
      } else {
        await contributors!.endorse!(memberId, skill.name);
        announce(t('contributorsEndorsed', [memberName, skill.name]));
      }
      await onChanged();
    } catch (thrown) {
      setError(sentenceOf(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="skill-item">
      <span class="skill-name">{skill.name}</span>
      {skill.endorsements > 0 && (
        <span class="muted">
          {countOf(t, 'endorsements', skill.endorsements)}
          {skill.mine && `, ${t('contributorsYoursIncluded')}`}
        </span>
      )}
      {canEndorse && (
        <button
          type="button"
          class="endorse-skill"
          aria-pressed={skill.mine !== null}
          disabled={busy}
          onClick={() => void toggle()}
        >
          {/* Seen: "Endorse" beside the skill; heard: whom for what (the name starts with the visible text). */}
          <span aria-hidden="true">{t('contributorsEndorse')}</span>
          <span class="visually-hidden">{t('contributorsEndorseLabel', [memberName, skill.name])}</span>
        </button>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </li>
  );
}
