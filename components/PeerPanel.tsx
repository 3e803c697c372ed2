/**
 * The peer Q&A for exactly one detected place: the learner's account state first (connect, sign in,
 * join an organisation), then the place's questions, one question at a time, the composer and the
 * sync status. Data and services come in as props; this is where the panel's contexts are provided.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { touchPlace } from '@/lib/db/queries';
import type { Connection } from '@/lib/domain/account';
import type { Inbox } from '@/lib/domain/notifications';
import type { SyncState } from '@/lib/domain/sync-state';
import type { CoursePlace } from '@/lib/lms/types';
import { AskComposer, type Draft } from './AskComposer';
import { useT } from './i18n';
import { FollowToggle } from './FollowToggle';
import { InboxSection } from './InboxSection';
import { Lazy } from './Lazy';
import { PanelTabs, type PanelTab } from './PanelTabs';
import { SearchBox } from './SearchBox';
import { AnnounceContext, PeerServicesContext, ViewerContext, type PeerServices, type Viewer } from './peer-services';
import { SyncStatus } from './SyncStatus';
import { ThreadList } from './ThreadList';
import { ThreadView } from './ThreadView';

// The tabs beside the questions load their code when first shown: opening the panel loads only the
// questions (see Lazy). Module-level, so each loader keeps one identity.
const loadResources = () => import('./ResourcesSection').then((module) => module.ResourcesSection);
const loadPeople = () => import('./PeopleTab').then((module) => module.PeopleTab);
const loadCircles = () => import('./CirclesSection').then((module) => module.CirclesSection);
const loadReviews = () => import('./ReviewsSection').then((module) => module.ReviewsSection);

/** How the extension is connected, as the background reported it (`error`: it did not answer). */
export type ConnectionState = { status: 'loading' } | { status: 'ready'; connection: Connection } | { status: 'error' };

export interface PeerPanelProps {
  place: CoursePlace;
  /** The learner's notifications, kept by the background; null when there are none to show. */
  inbox?: Inbox | null;
  connection: ConnectionState;
  syncState: SyncState | undefined;
  services: PeerServices;
}

export function PeerPanel({ place, connection, syncState, services, inbox = null }: PeerPanelProps) {
  const t = useT();
  const account = connection.status === 'ready' ? connection.connection.account : null;
  const userId = account?.userId;
  const orgId = account?.orgId;
  const viewer = useMemo(() => (userId && orgId ? { userId, orgId } : null), [userId, orgId]);

  let body;
  if (viewer) {
    body = (
      <PlaceQuestions
        key={`${viewer.orgId}|${place.key}`}
        place={place}
        viewer={viewer}
        services={services}
        syncState={syncState}
        inbox={inbox}
      />
    );
  } else if (connection.status === 'loading') {
    body = <p class="muted">{t('accountChecking')}</p>;
  } else if (connection.status === 'error') {
    body = <p role="alert">{t('accountUnavailable')}</p>;
  } else {
    const { backend } = connection.connection;
    const sentence = backend !== 'ready' ? t('qaNotConnected') : !account ? t('qaSignedOut') : t('qaNoOrg');
    body = (
      <div class="empty">
        <p>{sentence}</p>
        {(backend !== 'ready' || !account) && (
          <button type="button" class="primary" onClick={() => services.openOptions()}>
            {backend !== 'ready' ? t('qaOpenSettingsConnect') : t('qaOpenSettingsSignIn')}
          </button>
        )}
      </div>
    );
  }
  // Signed in, the tabs carry the headings (Questions about this page, Helping most, Mentoring, ...).
  return viewer ? (
    <section class="qa">{body}</section>
  ) : (
    <section class="qa" aria-labelledby="qa-heading">
      <h3 id="qa-heading">{t('qaHeading')}</h3>
      {body}
    </section>
  );
}

type View = { kind: 'list'; focusThreadId?: string } | { kind: 'thread'; threadId: string };

function PlaceQuestions({
  place,
  viewer,
  services,
  syncState,
  inbox,
}: {
  place: CoursePlace;
  viewer: Viewer;
  services: PeerServices;
  syncState: SyncState | undefined;
  inbox: Inbox | null;
}) {
  const t = useT();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [asking, setAsking] = useState(false);
  const [draft, setDraft] = useState<Draft>({ title: '', body: '' });
  const [announcement, setAnnouncement] = useState('');
  const askButton = useRef<HTMLButtonElement>(null);
  const returnToAsk = useRef(false);

  // Opening a place marks it used (least recently used places are evicted) and asks for a sync; a place
  // this device does not hold, or whose threads were evicted, is refreshed in full.
  // Keyed on the database and sync, not the services object: the object changes when the org's feature
  // switches arrive, and that is no reason to open the place (and sync) again.
  const { db, now, requestSync } = services;
  useEffect(() => {
    touchPlace(db, viewer.orgId, place.key, now())
      .then((cached) => requestSync(!cached || cached.evicted, place.key))
      .catch((error: unknown) => console.error('Peerside could not open this place in its cache:', error));
  }, [db, now, requestSync, viewer.orgId, place.key]);

  useEffect(() => {
    if (returnToAsk.current && !asking) askButton.current?.focus();
    returnToAsk.current = false;
  }, [asking]);

  const announce = useMemo(
    // The same sentence twice is still announced: a trailing no-break space makes it a change.
    () => (message: string) => setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message)),
    [],
  );
  const [tab, setTab] = useState('questions');
  // Opening a question (from the list, a suggestion or a notification) shows the Questions tab.
  const open = (threadId: string) => {
    setTab('questions');
    setView({ kind: 'thread', threadId });
  };

  const questions = (
    <>
      <h3 id="qa-heading">{t('qaHeading')}</h3>
      {view.kind === 'list' && (
        <div class="qa-actions">
          {!asking && (
            <button type="button" class="primary ask-open" ref={askButton} onClick={() => setAsking(true)}>
              {t('askOpen')}
            </button>
          )}
          <FollowToggle target={{ kind: 'place', place }} />
        </div>
      )}
      {view.kind === 'list' ? (
        <>
          {asking && (
            <AskComposer
              place={place}
              draft={draft}
              onDraft={setDraft}
              onOpen={open}
              onPosted={(threadId) => {
                setDraft({ title: '', body: '' });
                setAsking(false);
                setView({ kind: 'list', focusThreadId: threadId });
              }}
              onCancel={() => {
                setDraft({ title: '', body: '' });
                returnToAsk.current = true;
                setAsking(false);
              }}
            />
          )}
          {!asking && <SearchBox placeKey={place.key} onOpen={open} />}
          <ThreadList
            placeKey={place.key}
            onOpen={open}
            onAsk={() => setAsking(true)}
            focusThreadId={view.focusThreadId}
          />
        </>
      ) : (
        <ThreadView threadId={view.threadId} onBack={() => setView({ kind: 'list', focusThreadId: view.threadId })} />
      )}
    </>
  );
  // Each feature the background offers is a tab; Questions is always there.
  const tabs: PanelTab[] = [{ id: 'questions', label: t('tabQuestions'), render: () => questions }];
  if (services.resources) {
    tabs.push({
      id: 'resources',
      label: t('tabResources'),
      render: () => <Lazy load={loadResources} props={{ place }} />,
    });
  }
  // People: who helps most in the course (endorse their skills), then mentoring; each under its own heading.
  if (services.contributors || services.mentoring) {
    tabs.push({
      id: 'mentors',
      label: t('tabMentors'),
      render: () => <Lazy load={loadPeople} props={{ place }} />,
    });
  }
  if (services.circles) {
    tabs.push({ id: 'circles', label: t('tabCircles'), render: () => <Lazy load={loadCircles} props={{ place }} /> });
  }
  if (services.reviews) {
    tabs.push({ id: 'reviews', label: t('tabReviews'), render: () => <Lazy load={loadReviews} props={{ place }} /> });
  }

  return (
    <PeerServicesContext.Provider value={services}>
      <ViewerContext.Provider value={viewer}>
        <AnnounceContext.Provider value={announce}>
          {view.kind === 'list' && (
            <InboxSection
              inbox={inbox}
              onOpenThread={open}
              onOpenTab={setTab}
              tabs={tabs.map((tab) => tab.id)}
              onMarkRead={() => services.markInboxRead?.()}
            />
          )}
          <PanelTabs tabs={tabs} selected={tab} onSelect={setTab} label={t('tabsLabel')} />
          <SyncStatus syncState={syncState} />
          <p role="status" class="announcer visually-hidden">
            {announcement}
          </p>
        </AnnounceContext.Provider>
      </ViewerContext.Provider>
    </PeerServicesContext.Provider>
  );
}
