/**
 * Circles in the panel, for the course of the page: its cohorts and mentorship circles (open ones
 * first, the viewer's marked, archived ones folded away) to join or leave, a form to start one, and
 * the sessions still to come in the circles the viewer can see, to answer going or not; leads schedule
 * sessions, leads and hosts cancel them. Everything here is online: the database decides every rule
 * and its refusals arrive as sentences. Absent services: nothing shows.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  canAnswer,
  canCancel,
  canJoin,
  CIRCLE_CAPACITY_MAX,
  CIRCLE_CAPACITY_MIN,
  CIRCLE_DESCRIPTION_MAX,
  CIRCLE_NAME_MAX,
  circlesInOrder,
  courseKeyOf,
  isFull,
  MEETING_URL_MAX,
  offersMentorship,
  safeMeetingUrl,
  SESSION_AGENDA_MAX,
  SESSION_TITLE_MAX,
  sessionKinds,
  startFromLocal,
  type Circle,
  type CircleKind,
  type Circles,
  type CircleSession,
  type SessionKind,
} from '@/lib/domain/circles';
import type { CoursePlace } from '@/lib/lms/types';
import { useT } from './i18n';
import { sentenceOf, useDraftId, usePeerServices, useViewer } from './peer-services';
import { LoadError, useAction, useOpenFocus } from './actions';

type Loaded = { status: 'loading' } | { status: 'ready'; circles: Circles } | { status: 'error'; error: string };

/** The durations a session can be scheduled for, in minutes (the database allows 15 to 240). */
const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240];

export function CirclesSection({ place }: { place: CoursePlace }) {
  const t = useT();
  const services = usePeerServices();
  const viewer = useViewer();
  const circlesServices = services.circles;
  const courseKey = courseKeyOf(place);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  const load = async () => {
    if (!circlesServices || !courseKey) return;
    const answer = await circlesServices
      .load(courseKey)
      .catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setLoaded(answer.ok ? { status: 'ready', circles: answer.circles } : { status: 'error', error: answer.error });
  };
  useEffect(() => {
    void load();
  }, [circlesServices, courseKey, viewer.orgId, viewer.userId]);

  if (!circlesServices) return null;

  let body;
  if (!courseKey) {
    body = <p class="muted">{t('circlesNoCourse')}</p>;
  } else if (loaded.status === 'loading') {
    body = <p class="muted">{t('circlesLoading')}</p>;
  } else if (loaded.status === 'error') {
    body = <LoadError error={loaded.error} onRetry={() => void load()} />;
  } else {
    const { circles } = loaded;
    const { active, archived } = circlesInOrder(circles.circles);
    body = (
      <>
        <h4 id="circles-list-heading">{t('circlesListHeading')}</h4>
        <StartCircle place={place} courseKey={courseKey} circles={circles} onChanged={load} />
        {active.length === 0 ? (
          <p class="muted">{t('circlesNone')}</p>
        ) : (
          <ul class="circles-list" aria-labelledby="circles-list-heading">
            {active.map((circle) => (
              <CircleItem key={circle.id} circle={circle} onChanged={load} />
            ))}
          </ul>
        )}
        {archived.length > 0 && (
          <details class="circles-archived">
            <summary>{t('circlesArchived', [String(archived.length)])}</summary>
            <ul class="circles-list">
              {archived.map((circle) => (
                <CircleItem key={circle.id} circle={circle} onChanged={load} />
              ))}
            </ul>
          </details>
        )}
        <h4 id="circles-sessions-heading">{t('circlesSessionsHeading')}</h4>
        {circles.sessions.length === 0 ? (
          <p class="muted">{t('circlesNoSessions')}</p>
        ) : (
          <ul class="circles-list" aria-labelledby="circles-sessions-heading">
            {circles.sessions.map((session) => (
              <SessionItem key={session.id} session={session} circles={circles} onChanged={load} />
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <section class="circles" aria-labelledby="circles-heading">
      <h3 id="circles-heading">{t('circlesHeading')}</h3>
      {body}
    </section>
  );
}

function CircleItem({ circle, onChanged }: { circle: Circle; onChanged: () => Promise<void> }) {
  const t = useT();
  const { circles } = usePeerServices();
  const { busy, run, alert } = useAction(onChanged);
  const [leaving, setLeaving] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const leaveFocus = useOpenFocus<HTMLButtonElement>(leaving);
  const scheduleFocus = useOpenFocus<HTMLInputElement>(scheduling);
  // After joining or leaving, the button pressed is gone: focus the circle's name instead. Set before
  // the action, as the reload may render before the action's promise settles here.
  const refocus = useRef(false);
  useEffect(() => {
    if (refocus.current) heading.current?.focus();
    refocus.current = false;
  }, [circle.myRole]);

  const join = async () => {
    refocus.current = true;
    if (!(await run(() => circles!.join(circle.id), t('circlesJoined', [circle.name])))) refocus.current = false;
  };
  const leave = async () => {
    refocus.current = true;
    const left = await run(() => circles!.leave(circle.id), t('circlesLeft', [circle.name]));
    if (left) setLeaving(false);
    else refocus.current = false;
  };

  let membership;
  if (circle.myRole) {
    membership = (
      <span class="badge badge-resolved">{t(circle.myRole === 'lead' ? 'circlesYouLead' : 'circlesYouAreIn')}</span>
    );
  }
  return (
    <li class="circle-item">
      <h5 ref={heading} tabIndex={-1} class="circle-name">
        {circle.name}
      </h5>
      <p class="circle-meta">
        <span class="badge">{t(`circlesKind_${circle.kind}`)}</span>
        {circle.inviteOnly && <span class="badge">{t('circlesInviteOnly')}</span>}
        {membership}
      </p>
      {circle.description && <p class="user-text">{circle.description}</p>}
      <p class="muted">
        {circle.people === null
          ? t('circlesRoomFor', [String(circle.capacity)])
          : t('circlesPeople', [String(circle.people), String(circle.capacity)])}
        {circle.leads.length > 0 && ` · ${t('circlesLedBy', [circle.leads.join(', ')])}`}
      </p>
      {!circle.archived && circle.myRole === null && (
        <>
          {canJoin(circle) ? (
            <button type="button" class="primary" disabled={busy} onClick={() => void join()}>
              {t('circlesJoin', [circle.name])}
            </button>
          ) : circle.inviteOnly ? (
            <p class="muted">{t('circlesAskToJoin')}</p>
          ) : (
            isFull(circle) && <p class="muted">{t('circlesFull')}</p>
          )}
        </>
      )}
      {!circle.archived && circle.myRole !== null && !scheduling && (
        <div class="actions">
          {circle.myRole === 'lead' && (
            <button type="button" ref={scheduleFocus.opener} onClick={() => setScheduling(true)}>
              {t('circlesSchedule')}
            </button>
          )}
          {!leaving && (
            <button type="button" ref={leaveFocus.opener} disabled={busy} onClick={() => setLeaving(true)}>
              {t('circlesLeave', [circle.name])}
            </button>
          )}
        </div>
      )}
      {leaving && circle.myRole !== null && (
        <div class="confirm">
          <p>{t('circlesLeaveConfirm', [circle.name])}</p>
          <div class="actions">
            <button type="button" class="primary" ref={leaveFocus.target} disabled={busy} onClick={() => void leave()}>
              {t('circlesLeaveYes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setLeaving(false)}>
              {t('circlesStay')}
            </button>
          </div>
        </div>
      )}
      {scheduling && (
        <ScheduleSession
          circle={circle}
          titleField={scheduleFocus.target}
          onChanged={onChanged}
          onClose={() => setScheduling(false)}
        />
      )}
      {alert}
    </li>
  );
}

function StartCircle({
  place,
  courseKey,
  circles,
  onChanged,
}: {
  place: CoursePlace;
  courseKey: string;
  circles: Circles;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const services = usePeerServices();
  const { busy, run, alert } = useAction(onChanged);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<CircleKind>('cohort');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [capacity, setCapacity] = useState('');
  const circleId = useDraftId();
  const focus = useOpenFocus<HTMLInputElement>(open);
  const mentorship = offersMentorship(circles.viewerRole);

  const close = () => {
    setOpen(false);
    setKind('cohort');
    setName('');
    setDescription('');
    setCapacity('');
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const cleanName = name.trim();
    const started = await run(
      () =>
        services.circles!.create(circleId.current, {
          kind: mentorship ? kind : 'cohort',
          courseKey,
          place,
          name: cleanName,
          description: description.trim() || undefined,
          capacity: capacity.trim() === '' ? undefined : Number(capacity),
        }),
      t('circlesStarted', [cleanName]),
    );
    if (started) {
      circleId.renew();
      close();
    }
  };

  if (!open) {
    return (
      <button type="button" class="circles-start" ref={focus.opener} onClick={() => setOpen(true)}>
        {t('circlesStart')}
      </button>
    );
  }
  return (
    <form class="composer" aria-labelledby="circles-start-heading" onSubmit={(event) => void submit(event)}>
      <h5 id="circles-start-heading">{t('circlesStart')}</h5>
      {mentorship && (
        <fieldset class="choice">
          <legend>{t('circlesKindLegend')}</legend>
          {(['cohort', 'mentorship'] as const).map((option) => (
            <label key={option} class="check">
              <input
                type="radio"
                name="circle-kind"
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />
              {t(option === 'cohort' ? 'circlesKindCohortChoice' : 'circlesKindMentorshipChoice')}
            </label>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for="circle-name">{t('circlesNameLabel')}</label>
        <input
          id="circle-name"
          ref={focus.target}
          required
          maxLength={CIRCLE_NAME_MAX}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="circle-description">{t('circlesDescriptionLabel')}</label>
        <textarea
          id="circle-description"
          rows={3}
          maxLength={CIRCLE_DESCRIPTION_MAX}
          value={description}
          onInput={(event) => setDescription(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="circle-capacity">{t('circlesCapacityLabel')}</label>
        <input
          id="circle-capacity"
          type="number"
          inputMode="numeric"
          min={CIRCLE_CAPACITY_MIN}
          max={CIRCLE_CAPACITY_MAX}
          step={1}
          aria-describedby="circle-capacity-hint"
          value={capacity}
          onInput={(event) => setCapacity(event.currentTarget.value)}
        />
        <span class="hint" id="circle-capacity-hint">
          {t('circlesCapacityHint')}
        </span>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || name.trim() === ''}>
          {t('circlesStartSubmit')}
        </button>
        <button type="button" disabled={busy} onClick={close}>
          {t('cancel')}
        </button>
      </div>
      {alert}
    </form>
  );
}

function ScheduleSession({
  circle,
  titleField,
  onChanged,
  onClose,
}: {
  circle: Circle;
  /** Focused when the form opens. */
  titleField: RefObject<HTMLInputElement>;
  onChanged: () => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const { circles } = usePeerServices();
  const { busy, run, alert, setError } = useAction(onChanged);
  const [kind, setKind] = useState<SessionKind>('practice');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState(60);
  const [link, setLink] = useState('');
  const [agenda, setAgenda] = useState('');
  const sessionId = useDraftId();
  const id = (field: string) => `circle-${circle.id}-${field}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const startsAt = startFromLocal(date, time);
    if (startsAt === null) return setError(t('circlesNeedStart'));
    const meetingUrl = link.trim() === '' ? undefined : safeMeetingUrl(link);
    if (meetingUrl === null) return setError(t('circlesNeedHttps'));
    const cleanTitle = title.trim();
    const scheduled = await run(
      () =>
        circles!.schedule(sessionId.current, {
          circleId: circle.id,
          kind,
          title: cleanTitle,
          startsAt,
          durationMinutes: duration,
          meetingUrl,
          agenda: agenda.trim() || undefined,
        }),
      t('circlesScheduled', [cleanTitle, circles!.formatStart(startsAt)]),
    );
    if (scheduled) onClose();
  };

  return (
    <form class="composer" aria-labelledby={id('schedule-heading')} onSubmit={(event) => void submit(event)}>
      <h6 id={id('schedule-heading')}>{t('circlesScheduleHeading', [circle.name])}</h6>
      <div class="field">
        <label for={id('kind')}>{t('circlesSessionKindLabel')}</label>
        <select id={id('kind')} value={kind} onChange={(event) => setKind(event.currentTarget.value as SessionKind)}>
          {sessionKinds.map((option) => (
            <option key={option} value={option}>
              {t(`circlesSessionKind_${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={id('title')}>{t('circlesSessionTitleLabel')}</label>
        <input
          id={id('title')}
          ref={titleField}
          required
          maxLength={SESSION_TITLE_MAX}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </div>
      <div class="field-row">
        <div class="field">
          <label for={id('date')}>{t('circlesSessionDateLabel')}</label>
          <input
            id={id('date')}
            type="date"
            required
            value={date}
            onInput={(event) => setDate(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={id('time')}>{t('circlesSessionTimeLabel')}</label>
          <input
            id={id('time')}
            type="time"
            required
            value={time}
            onInput={(event) => setTime(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={id('duration')}>{t('circlesSessionDurationLabel')}</label>
          <select
            id={id('duration')}
            value={String(duration)}
            onChange={(event) => setDuration(Number(event.currentTarget.value))}
          >
            {DURATIONS.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t('circlesMinutesOption', [String(minutes)])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="field">
        <label for={id('link')}>{t('circlesSessionLinkLabel')}</label>
        <input
          id={id('link')}
          type="url"
          inputMode="url"
          placeholder="https://"
          maxLength={MEETING_URL_MAX}
          aria-describedby={id('link-hint')}
          value={link}
          onInput={(event) => setLink(event.currentTarget.value)}
        />
        <span class="hint" id={id('link-hint')}>
          {t('circlesSessionLinkHint')}
        </span>
      </div>
      <div class="field">
        <label for={id('agenda')}>{t('circlesSessionAgendaLabel')}</label>
        <textarea
          id={id('agenda')}
          rows={3}
          maxLength={SESSION_AGENDA_MAX}
          value={agenda}
          onInput={(event) => setAgenda(event.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || title.trim() === ''}>
          {t('circlesScheduleSubmit')}
        </button>
        <button type="button" disabled={busy} onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
      {alert}
    </form>
  );
}

function SessionItem({
  session,
  circles,
  onChanged,
}: {
  session: CircleSession;
  circles: Circles;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const services = usePeerServices();
  const { busy, run, alert } = useAction(onChanged);
  const [cancelling, setCancelling] = useState(false);
  const cancelFocus = useOpenFocus<HTMLButtonElement>(cancelling);
  const heading = useRef<HTMLHeadingElement>(null);
  // Once cancelled, the buttons pressed are gone: focus the session's title instead (set before the
  // action, as the reload may render before the action's promise settles here).
  const refocus = useRef(false);
  useEffect(() => {
    if (refocus.current) heading.current?.focus();
    refocus.current = false;
  }, [session.cancelled]);
  const link = session.cancelled ? null : safeMeetingUrl(session.meetingUrl);
  const answering = canAnswer(circles, session);
  // Outside the circle: point to joining it where that is open to the viewer.
  const circle = circles.circles.find((candidate) => candidate.id === session.circleId);
  const joinable = circle !== undefined && canJoin(circle);
  const viewerIsHost = session.hostId === circles.viewerId;

  const rsvp = (going: boolean) => {
    // Pressing the answer already given changes nothing; a second press while one runs is ignored.
    if (busy || session.myAnswer === going) return;
    void run(
      () => services.circles!.rsvp(session.id, going),
      t(going ? 'circlesRsvpGoing' : 'circlesRsvpNotGoing', [session.title]),
    );
  };
  const cancel = async () => {
    refocus.current = true;
    const cancelled = await run(
      () => services.circles!.cancelSession(session.id),
      t('circlesSessionCancelled', [session.title]),
    );
    if (cancelled) setCancelling(false);
    else refocus.current = false;
  };

  return (
    <li class="session-item">
      <h5 ref={heading} tabIndex={-1} class="session-title">
        {session.title}
      </h5>
      <p class="circle-meta">
        <span class="badge">{t(`circlesSessionKind_${session.kind}`)}</span>
        {session.cancelled && <span class="badge badge-failed">{t('circlesCancelled')}</span>}
        <span>{t('circlesInCircle', [session.circleName])}</span>
      </p>
      <p class="session-when">
        <time dateTime={new Date(session.startsAt).toISOString()}>
          {services.circles!.formatStart(session.startsAt)}
        </time>
        {' · '}
        {t('circlesDuration', [String(session.durationMinutes)])}
        {' · '}
        {viewerIsHost ? t('circlesHostedByYou') : t('circlesHostedBy', [session.hostName ?? t('formerMember')])}
      </p>
      {session.agenda && <p class="user-text">{session.agenda}</p>}
      {link && (
        <p>
          <a href={link} target="_blank" rel="noopener noreferrer">
            {t('circlesMeetingLink', [new URL(link).host])}
            <span class="visually-hidden"> {t('circlesNewTab')}</span>
          </a>
        </p>
      )}
      {!session.cancelled && <p class="muted">{t('circlesGoing', [String(session.going)])}</p>}
      {answering && (
        <div class="actions" role="group" aria-label={t('circlesRsvpLabel', [session.title])}>
          <button type="button" aria-pressed={session.myAnswer === true} onClick={() => rsvp(true)}>
            {t('circlesRsvpYes')}
          </button>
          <button type="button" aria-pressed={session.myAnswer === false} onClick={() => rsvp(false)}>
            {t('circlesRsvpNo')}
          </button>
        </div>
      )}
      {!answering && !session.cancelled && joinable && (
        <p class="muted">{t('circlesJoinToAnswer', [session.circleName])}</p>
      )}
      {canCancel(circles, session) &&
        (cancelling ? (
          <div class="confirm">
            <p>{t('circlesCancelConfirm', [session.title])}</p>
            <div class="actions">
              <button
                type="button"
                class="primary"
                ref={cancelFocus.target}
                disabled={busy}
                onClick={() => void cancel()}
              >
                {t('circlesCancelYes')}
              </button>
              <button type="button" disabled={busy} onClick={() => setCancelling(false)}>
                {t('circlesKeep')}
              </button>
            </div>
          </div>
        ) : (
          <div class="actions">
            <button type="button" ref={cancelFocus.opener} onClick={() => setCancelling(true)}>
              {t('circlesCancelSession')}
            </button>
          </div>
        ))}
      {alert}
    </li>
  );
}
