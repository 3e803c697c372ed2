/**
 * Mentoring in the panel: requests the viewer received (accept or decline, with a reply; complete),
 * the viewer's own requests (withdraw, complete), and the org's mentors, those whose skills name this
 * page first, each with "Ask for mentoring" and a message. Everything here is online: the database
 * decides every transition and its refusals arrive as sentences. Absent services: nothing shows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  isOpen,
  MENTOR_MESSAGE_MAX,
  mentorsFor,
  openRequestTo,
  type Mentor,
  type Mentoring,
  type MentorRequest,
} from '@/lib/domain/mentoring';
import type { CoursePlace } from '@/lib/lms/types';
import { useT } from './i18n';
import { sentenceOf, useDraftId, usePeerServices, useViewer } from './peer-services';
import { LoadError, useAction } from './actions';

type Loaded = { status: 'loading' } | { status: 'ready'; mentoring: Mentoring } | { status: 'error'; error: string };

/** Closed requests stay listed for a while, so the learner sees how it ended; then they drop off. */
const CLOSED_SHOWN = 3;

export function MentoringSection({ place }: { place: CoursePlace }) {
  const t = useT();
  const services = usePeerServices();
  const viewer = useViewer();
  const mentoringServices = services.mentoring;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [browsing, setBrowsing] = useState(false);

  const load = async () => {
    if (!mentoringServices) return;
    const answer = await mentoringServices
      .load()
      .catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setLoaded(answer.ok ? { status: 'ready', mentoring: answer.mentoring } : { status: 'error', error: answer.error });
  };
  useEffect(() => {
    void load();
    // The viewer's org decides what there is to show; the place only orders the mentors.
  }, [mentoringServices, viewer.orgId, viewer.userId]);

  if (!mentoringServices) return null;

  let body;
  if (loaded.status === 'loading') {
    body = <p class="muted">{t('mentoringLoading')}</p>;
  } else if (loaded.status === 'error') {
    body = <LoadError error={loaded.error} onRetry={() => void load()} />;
  } else {
    const { mentoring } = loaded;
    const forMe = mentoring.requests.filter((request) => request.mentorId === viewer.userId && isOpen(request));
    const mine = mentoring.requests.filter((request) => request.learnerId === viewer.userId);
    const shownMine = [...mine.filter(isOpen), ...mine.filter((request) => !isOpen(request)).slice(0, CLOSED_SHOWN)];
    const mentors = mentorsFor(mentoring, [place.courseTitle, place.lessonTitle]);
    body = (
      <>
        {forMe.length > 0 && (
          <>
            <h4>{t('mentoringForYou')}</h4>
            <ul class="mentoring-list">
              {forMe.map((request) => (
                <IncomingRequest key={request.id} request={request} onChanged={load} />
              ))}
            </ul>
          </>
        )}
        {shownMine.length > 0 && (
          <>
            <h4>{t('mentoringYours')}</h4>
            <ul class="mentoring-list">
              {shownMine.map((request) => (
                <OwnRequest key={request.id} request={request} onChanged={load} />
              ))}
            </ul>
          </>
        )}
        <button type="button" aria-expanded={browsing} onClick={() => setBrowsing(!browsing)}>
          {t('mentoringFind')}
        </button>
        {browsing &&
          (mentors.length === 0 ? (
            <p class="muted">{t('mentoringNoMentors')}</p>
          ) : (
            <ul class="mentoring-list" aria-label={t('mentoringMentorsLabel')}>
              {mentors.map(({ mentor, matches }) => (
                <MentorItem
                  key={mentor.userId}
                  mentor={mentor}
                  matches={matches}
                  asked={openRequestTo(mentoring, mentor.userId)}
                  onChanged={load}
                />
              ))}
            </ul>
          ))}
      </>
    );
  }
  return (
    <section class="mentoring" aria-labelledby="mentoring-heading">
      <h3 id="mentoring-heading">{t('mentoringHeading')}</h3>
      {body}
    </section>
  );
}

function stateSentence(t: ReturnType<typeof useT>, request: MentorRequest, own: boolean): string {
  const name = own ? request.mentorName : request.learnerName;
  return t(own ? `mentoringState_${request.state}` : `mentoringStateFor_${request.state}`, [name]);
}

function OwnRequest({ request, onChanged }: { request: MentorRequest; onChanged: () => Promise<void> }) {
  const t = useT();
  const { mentoring } = usePeerServices();
  const { busy, run, alert } = useAction(onChanged);
  return (
    <li class="mentoring-item">
      <p class="mentoring-state">{stateSentence(t, request, true)}</p>
      <p class="user-text">{request.message}</p>
      {request.reply && (
        <p class="user-text mentoring-reply">
          <span class="label">{t('mentoringReplyFrom', [request.mentorName])}</span> {request.reply}
        </p>
      )}
      {isOpen(request) && (
        <div class="actions">
          {request.state === 'accepted' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => mentoring!.complete(request.id), t('mentoringCompleted'))}
            >
              {t('mentoringComplete')}
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => mentoring!.withdraw(request.id), t('mentoringWithdrawn'))}
          >
            {t('mentoringWithdraw')}
          </button>
        </div>
      )}
      {alert}
    </li>
  );
}

function IncomingRequest({ request, onChanged }: { request: MentorRequest; onChanged: () => Promise<void> }) {
  const t = useT();
  const { mentoring } = usePeerServices();
  const { busy, run, alert } = useAction(onChanged);
  const [reply, setReply] = useState('');
  const replyId = `mentoring-reply-${request.id}`;
  return (
    <li class="mentoring-item">
      <p class="mentoring-state">{stateSentence(t, request, false)}</p>
      <p class="user-text">{request.message}</p>
      {request.state === 'requested' ? (
        <>
          <div class="field">
            <label for={replyId}>{t('mentoringReplyLabel')}</label>
            <textarea
              id={replyId}
              rows={2}
              maxLength={MENTOR_MESSAGE_MAX}
              value={reply}
              onInput={(event) => setReply(event.currentTarget.value)}
            />
          </div>
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => void run(() => mentoring!.respond(request.id, true, reply), t('mentoringAccepted'))}
            >
              {t('mentoringAccept')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => mentoring!.respond(request.id, false, reply), t('mentoringDeclined'))}
            >
              {t('mentoringDecline')}
            </button>
          </div>
        </>
      ) : (
        <div class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => mentoring!.complete(request.id), t('mentoringCompleted'))}
          >
            {t('mentoringComplete')}
          </button>
        </div>
      )}
      {alert}
    </li>
  );
}

function MentorItem({
  mentor,
  matches,
  asked,
  onChanged,
}: {
  mentor: Mentor;
  matches: string[];
  asked: MentorRequest | undefined;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const { mentoring } = usePeerServices();
  const { busy, run, alert } = useAction(onChanged);
  const [writing, setWriting] = useState(false);
  const [message, setMessage] = useState('');
  const requestId = useDraftId();
  const field = useRef<HTMLTextAreaElement>(null);
  const messageId = `mentoring-message-${mentor.userId}`;
  useEffect(() => {
    if (writing) field.current?.focus();
  }, [writing]);

  const send = async (event: Event) => {
    event.preventDefault();
    const sent = await run(
      () => mentoring!.request(requestId.current, mentor.userId, message.trim()),
      t('mentoringRequested', [mentor.displayName]),
    );
    if (sent) {
      requestId.renew();
      setWriting(false);
      setMessage('');
    }
  };

  return (
    <li class="mentoring-item">
      <p class="mentor-name">
        {mentor.displayName}
        {matches.length > 0 && <span class="badge badge-resolved">{t('mentoringMatches', [matches.join(', ')])}</span>}
      </p>
      {mentor.skills.length > 0 && <p class="muted">{t('mentoringSkills', [mentor.skills.join(' · ')])}</p>}
      {mentor.availability && <p class="user-text">{mentor.availability}</p>}
      {asked ? (
        <p class="muted">{t(`mentoringState_${asked.state}`, [mentor.displayName])}</p>
      ) : writing ? (
        <form class="composer" onSubmit={(event) => void send(event)}>
          <div class="field">
            <label for={messageId}>{t('mentoringMessageLabel', [mentor.displayName])}</label>
            <textarea
              id={messageId}
              ref={field}
              rows={3}
              required
              maxLength={MENTOR_MESSAGE_MAX}
              value={message}
              onInput={(event) => setMessage(event.currentTarget.value)}
            />
            <span class="hint">{t('mentoringMessageHint')}</span>
          </div>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || message.trim() === ''}>
              {t('mentoringSend')}
            </button>
            <button type="button" disabled={busy} onClick={() => setWriting(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setWriting(true)}>
          {t('mentoringAsk', [mentor.displayName])}
        </button>
      )}
      {alert}
    </li>
  );
}
