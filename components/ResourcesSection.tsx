/**
 * Shared resources in the panel: the playlists peers keep for this lesson and its course, one playlist
 * at a time with its resources best voted first (or in the curators' order), votes, adding a resource,
 * creating a playlist, and the curators' remove, move and archive. Everything here is online: the
 * database decides and its refusals arrive as sentences. Links are user-written: only http(s) links
 * become anchors, opened in a new tab without access to this page. Absent services: nothing shows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  canAddTo,
  canRemove,
  canVoteOn,
  hostOf,
  isCurator,
  isForLesson,
  isLessonKey,
  isSafeLink,
  itemsInOrder,
  movedOrder,
  nextVote,
  PLAYLIST_DESCRIPTION_MAX,
  PLAYLIST_TITLE_MAX,
  PLAYLIST_TITLE_MIN,
  RESOURCE_NOTE_MAX,
  RESOURCE_TITLE_MAX,
  RESOURCE_URL_MAX,
  resourceUrlProblem,
  takesChanges,
  type ItemOrder,
  type Playlist,
  type PlaylistItem,
  type PlaylistScope,
} from '@/lib/domain/playlists';
import type { CoursePlace } from '@/lib/lms/types';
import { useT } from './i18n';
import { type PeerServices, sentenceOf, useDraftId, usePeerServices, useViewer } from './peer-services';
import { LoadError, useAction } from './actions';

export type ResourcesServices = NonNullable<PeerServices['resources']>;

type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

export function ResourcesSection({ place }: { place: CoursePlace }) {
  const t = useT();
  const viewer = useViewer();
  const resources = usePeerServices().resources;
  const [loaded, setLoaded] = useState<Loaded<Playlist[]>>({ status: 'loading' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  /** Where focus goes when the list shows again: a playlist's button, or "New playlist". */
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);

  const load = async () => {
    if (!resources) return;
    const answer = await resources
      .list(place.key)
      .catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setLoaded(answer.ok ? { status: 'ready', value: answer.playlists } : { status: 'error', error: answer.error });
  };
  useEffect(() => {
    void load();
  }, [resources, place.key, viewer.orgId]);

  useEffect(() => {
    if (openId !== null || focusAfter === null) return;
    const targets = list.current?.querySelectorAll<HTMLElement>('[data-focus-key]') ?? [];
    [...targets].find((target) => target.dataset.focusKey === focusAfter)?.focus();
    setFocusAfter(null);
  }, [openId, focusAfter, loaded]);

  if (!resources) return null;

  const open =
    loaded.status === 'ready' && openId ? loaded.value.find((playlist) => playlist.id === openId) : undefined;
  let body;
  if (loaded.status === 'loading') {
    body = <p class="muted">{t('resourcesLoading')}</p>;
  } else if (loaded.status === 'error') {
    body = <LoadError error={loaded.error} onRetry={() => void load()} />;
  } else if (open) {
    body = (
      <PlaylistView
        key={open.id}
        playlist={open}
        place={place}
        onChanged={load}
        onBack={() => {
          setFocusAfter(open.id);
          setOpenId(null);
        }}
      />
    );
  } else {
    const playlists = loaded.value;
    const lessons = playlists.filter((playlist) => isForLesson(playlist, place.key));
    const courses = playlists.filter((playlist) => !isForLesson(playlist, place.key));
    body = (
      <div ref={list}>
        <button type="button" aria-expanded={creating} data-focus-key="new" onClick={() => setCreating(!creating)}>
          {t('resourcesNew')}
        </button>
        {creating && (
          <CreatePlaylist
            place={place}
            onCreated={async (id) => {
              setCreating(false);
              await load();
              setOpenId(id);
            }}
            onCancel={() => {
              setCreating(false);
              setFocusAfter('new');
            }}
          />
        )}
        {playlists.length === 0 ? (
          <p class="muted">{t('resourcesNone')}</p>
        ) : (
          <>
            {lessons.length > 0 && (
              <PlaylistGroup heading={t('resourcesForLesson')} playlists={lessons} onOpen={setOpenId} />
            )}
            {courses.length > 0 && (
              <PlaylistGroup heading={t('resourcesForCourse')} playlists={courses} onOpen={setOpenId} />
            )}
          </>
        )}
      </div>
    );
  }
  return (
    <section class="resources" aria-labelledby="resources-heading">
      <h3 id="resources-heading">{t('resourcesHeading')}</h3>
      {body}
    </section>
  );
}

function PlaylistGroup({
  heading,
  playlists,
  onOpen,
}: {
  heading: string;
  playlists: Playlist[];
  onOpen(id: string): void;
}) {
  const t = useT();
  return (
    <>
      <h4>{heading}</h4>
      <ul class="playlist-list">
        {playlists.map((playlist) => (
          <li key={playlist.id} class="playlist-item">
            <p class="playlist-title">
              <button type="button" class="link" data-focus-key={playlist.id} onClick={() => onOpen(playlist.id)}>
                {playlist.title}
              </button>
              <PlaylistBadges playlist={playlist} />
            </p>
            {playlist.description && <p class="user-text">{playlist.description}</p>}
            <p class="thread-meta">
              <span>{curatedBy(t, playlist)}</span>
              <span>
                {playlist.itemCount === 1
                  ? t('resourcesCountOne')
                  : t('resourcesCountMany', [String(playlist.itemCount)])}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function PlaylistBadges({ playlist }: { playlist: Playlist }) {
  const t = useT();
  return (
    <>
      {playlist.archived && <span class="badge">{t('resourcesArchived')}</span>}
      {playlist.hidden && <span class="badge badge-failed">{t('resourcesHidden')}</span>}
    </>
  );
}

const curatedBy = (t: ReturnType<typeof useT>, playlist: Playlist) =>
  t('resourcesCuratedBy', [playlist.curatorNames.join(', ')]);

function CreatePlaylist({
  place,
  onCreated,
  onCancel,
}: {
  place: CoursePlace;
  onCreated(id: string): Promise<void>;
  onCancel(): void;
}) {
  const t = useT();
  const { resources } = usePeerServices();
  const { busy, run, alert } = useAction();
  const onLesson = isLessonKey(place.key);
  const [scope, setScope] = useState<PlaylistScope>(onLesson ? 'lesson' : 'course');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const playlistId = useDraftId();
  const titleField = useRef<HTMLInputElement>(null);
  useEffect(() => titleField.current?.focus(), []);

  const create = async (event: Event) => {
    event.preventDefault();
    const id = playlistId.current;
    const created = await run(
      () => resources!.create(id, { place, scope, title: title.trim(), description: description.trim() }),
      t('resourcesCreated'),
    );
    if (created) {
      playlistId.renew();
      await onCreated(id);
    }
  };

  const lessonName = place.lessonTitle || t('resourcesThisLesson');
  const courseName = place.courseTitle || t('resourcesThisCourse');
  return (
    <form class="composer" onSubmit={(event) => void create(event)}>
      {onLesson && (
        <fieldset class="scope">
          <legend>{t('resourcesScopeLegend')}</legend>
          <label class="check">
            <input
              type="radio"
              name="playlist-scope"
              checked={scope === 'lesson'}
              onChange={() => setScope('lesson')}
            />
            {t('resourcesScopeLesson', [lessonName])}
          </label>
          <label class="check">
            <input
              type="radio"
              name="playlist-scope"
              checked={scope === 'course'}
              onChange={() => setScope('course')}
            />
            {t('resourcesScopeCourse', [courseName])}
          </label>
        </fieldset>
      )}
      <div class="field">
        <label for="playlist-title">{t('resourcesTitleLabel')}</label>
        <input
          id="playlist-title"
          ref={titleField}
          required
          minLength={PLAYLIST_TITLE_MIN}
          maxLength={PLAYLIST_TITLE_MAX}
          aria-describedby="playlist-title-hint"
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
        <span class="hint" id="playlist-title-hint">
          {t('resourcesTitleHint')}
        </span>
      </div>
      <div class="field">
        <label for="playlist-description">{t('resourcesDescriptionLabel')}</label>
        <textarea
          id="playlist-description"
          rows={2}
          maxLength={PLAYLIST_DESCRIPTION_MAX}
          value={description}
          onInput={(event) => setDescription(event.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || title.trim().length < PLAYLIST_TITLE_MIN}>
          {t('resourcesCreate')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {alert}
    </form>
  );
}

/**
 * After a move, focus follows the moved resource (its DOM node may have moved, which drops focus);
 * `seq` makes each move a new request, so later reloads leave focus where it is.
 */
type MoveFocus = { itemId: string; step: -1 | 1; seq: number } | null;

function PlaylistView({
  playlist,
  place,
  onChanged,
  onBack,
}: {
  playlist: Playlist;
  place: CoursePlace;
  onChanged(): Promise<void>;
  onBack(): void;
}) {
  const t = useT();
  const viewer = useViewer();
  const { resources } = usePeerServices();
  const { busy, run, alert } = useAction();
  const [items, setItems] = useState<Loaded<PlaylistItem[]>>({ status: 'loading' });
  const [order, setOrder] = useState<ItemOrder>('score');
  const [adding, setAdding] = useState(false);
  const [moveFocus, setMoveFocus] = useState<MoveFocus>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const returnToAdd = useRef(false);

  const loadItems = async () => {
    const answer = await resources!
      .items(playlist.id)
      .catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setItems(answer.ok ? { status: 'ready', value: answer.items } : { status: 'error', error: answer.error });
  };
  useEffect(() => {
    heading.current?.focus();
    void loadItems();
  }, [playlist.id]);
  useEffect(() => {
    if (returnToAdd.current && !adding) addButton.current?.focus();
    returnToAdd.current = false;
  }, [adding]);

  /** After a write: this playlist's resources and the list's counts and states. */
  const changed = async () => {
    await Promise.all([loadItems(), onChanged()]);
  };
  const curator = isCurator(playlist, viewer.userId);
  const scopeSentence = isForLesson(playlist, place.key) ? t('resourcesForLesson') : t('resourcesForCourse');

  let list;
  if (items.status === 'loading') {
    list = <p class="muted">{t('resourcesItemsLoading')}</p>;
  } else if (items.status === 'error') {
    list = <LoadError error={items.error} onRetry={() => void loadItems()} />;
  } else if (items.value.length === 0) {
    list = <p class="muted">{t('resourcesItemsNone')}</p>;
  } else {
    const ordered = itemsInOrder(items.value, order);
    const movable = curator && order === 'curated' && takesChanges(playlist);
    list = (
      <>
        {items.value.length > 1 && (
          <div class="field order">
            <label for="resource-order">{t('resourcesOrderLabel')}</label>
            <select
              id="resource-order"
              value={order}
              aria-describedby={curator && takesChanges(playlist) ? 'resource-order-hint' : undefined}
              onChange={(event) => setOrder(event.currentTarget.value as ItemOrder)}
            >
              <option value="score">{t('resourcesOrderScore')}</option>
              <option value="curated">{t('resourcesOrderCurated')}</option>
            </select>
            {curator && takesChanges(playlist) && (
              <span class="hint" id="resource-order-hint">
                {t('resourcesOrderHint')}
              </span>
            )}
          </div>
        )}
        <ol class="resource-list" aria-label={t('resourcesItemsLabel', [playlist.title])}>
          {ordered.map((item, index) => (
            <ResourceItem
              key={item.id}
              item={item}
              playlist={playlist}
              move={
                movable
                  ? {
                      index,
                      total: ordered.length,
                      focus: moveFocus?.itemId === item.id ? moveFocus : null,
                      onMove: async (step) => {
                        await resources!.reorder(playlist.id, movedOrder(items.value, item.id, step)!);
                        await loadItems();
                        setMoveFocus((last) => ({ itemId: item.id, step, seq: (last?.seq ?? 0) + 1 }));
                      },
                    }
                  : null
              }
              onChanged={changed}
              onRemoved={() => heading.current?.focus()}
            />
          ))}
        </ol>
      </>
    );
  }

  return (
    <div class="playlist">
      <button type="button" class="link back" onClick={onBack}>
        {t('resourcesBack')}
      </button>
      <h4 ref={heading} tabIndex={-1} class="playlist-heading">
        {playlist.title}
      </h4>
      <p class="thread-meta">
        <PlaylistBadges playlist={playlist} />
        <span>{scopeSentence}</span>
        <span>{curatedBy(t, playlist)}</span>
      </p>
      {playlist.description && <p class="user-text">{playlist.description}</p>}
      {playlist.hidden ? (
        <p class="muted">{t('resourcesHiddenNote')}</p>
      ) : (
        playlist.archived && <p class="muted">{t('resourcesArchivedNote')}</p>
      )}
      {list}
      {canAddTo(playlist, viewer.userId) ? (
        adding ? (
          <AddResource
            playlist={playlist}
            onAdded={async () => {
              returnToAdd.current = true;
              setAdding(false);
              await changed();
            }}
            onCancel={() => {
              returnToAdd.current = true;
              setAdding(false);
            }}
          />
        ) : (
          <button type="button" class="primary add-resource" ref={addButton} onClick={() => setAdding(true)}>
            {t('resourcesAdd')}
          </button>
        )
      ) : (
        takesChanges(playlist) && <p class="muted">{t('resourcesCuratorsOnly')}</p>
      )}
      {curator && (
        <div class="actions curator-actions">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(
                async () => {
                  await resources!.archive(playlist.id, !playlist.archived);
                  await changed();
                },
                playlist.archived ? t('resourcesReopened') : t('resourcesArchivedDone'),
              )
            }
          >
            {playlist.archived ? t('resourcesReopen') : t('resourcesArchive')}
          </button>
        </div>
      )}
      {alert}
    </div>
  );
}

function ResourceItem({
  item,
  playlist,
  move,
  onChanged,
  onRemoved,
}: {
  item: PlaylistItem;
  playlist: Playlist;
  /** The curators' move buttons, in the curators' order only. */
  move: { index: number; total: number; focus: MoveFocus; onMove(step: -1 | 1): Promise<void> } | null;
  onChanged(): Promise<void>;
  onRemoved(): void;
}) {
  const t = useT();
  const viewer = useViewer();
  const { resources } = usePeerServices();
  const { busy, run, alert } = useAction();
  const [confirming, setConfirming] = useState(false);
  const upButton = useRef<HTMLButtonElement>(null);
  const downButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const own = item.addedBy === viewer.userId;
  const canMoveUp = move !== null && move.index > 0;
  const canMoveDown = move !== null && move.index < move.total - 1;

  // Focus stays on the moved resource: the same button, or the other one at either end.
  useEffect(() => {
    if (!move?.focus) return;
    const wanted = move.focus.step === -1 ? (canMoveUp ? upButton : downButton) : canMoveDown ? downButton : upButton;
    wanted.current?.focus();
  }, [move?.focus?.seq]);
  // The question takes focus on "Keep it" (the safe choice); keeping it returns to "Remove".
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
    else if (asked.current) removeButton.current?.focus();
    asked.current = confirming;
  }, [confirming]);

  const vote = (pressed: 1 | -1) => {
    const value = nextVote(item.myVote, pressed);
    void run(
      async () => {
        await resources!.vote(item.id, value);
        await onChanged();
      },
      value === 0 ? t('voteWithdrawn') : t('voteSaved'),
    );
  };
  const moveBy = (step: -1 | 1) =>
    void run(() => move!.onMove(step), t('resourcesMoved', [String(move!.index + step + 1), String(move!.total)]));

  const safe = isSafeLink(item.url);
  return (
    <li class="resource-item">
      <p class="resource-title">
        {safe ? (
          <a href={item.url} target="_blank" rel="noopener noreferrer">
            {item.title}
            <span class="visually-hidden"> {t('resourcesNewTab')}</span>
          </a>
        ) : (
          <span>{item.title}</span>
        )}
        {safe && <span class="resource-host">{hostOf(item.url)}</span>}
        {item.hidden && <span class="badge badge-failed">{t('resourcesItemHidden')}</span>}
      </p>
      {item.note && <p class="user-text">{item.note}</p>}
      <p class="thread-meta">
        <span>{own ? t('resourcesAddedByYou') : t('resourcesAddedBy', [item.addedByName ?? t('formerMember')])}</span>
      </p>
      <div class="actions">
        {canVoteOn(playlist, item, viewer.userId) ? (
          <div role="group" aria-label={t('resourcesVoteGroup', [item.title])} class="votes">
            <button
              type="button"
              class="vote"
              aria-pressed={item.myVote === 1}
              aria-label={t('resourcesVoteUp')}
              disabled={busy}
              onClick={() => vote(1)}
            >
              ▲
            </button>
            <span class="score">{t('resourcesScore', [String(item.score)])}</span>
            <button
              type="button"
              class="vote"
              aria-pressed={item.myVote === -1}
              aria-label={t('resourcesVoteDown')}
              disabled={busy}
              onClick={() => vote(-1)}
            >
              ▼
            </button>
          </div>
        ) : (
          <span class="score">{t('resourcesScore', [String(item.score)])}</span>
        )}
        {move && (
          <>
            <button type="button" ref={upButton} disabled={busy || !canMoveUp} onClick={() => moveBy(-1)}>
              {t('resourcesMoveUp')}
            </button>
            <button type="button" ref={downButton} disabled={busy || !canMoveDown} onClick={() => moveBy(1)}>
              {t('resourcesMoveDown')}
            </button>
          </>
        )}
        {canRemove(playlist, item, viewer.userId) && !confirming && (
          <button type="button" ref={removeButton} disabled={busy} onClick={() => setConfirming(true)}>
            {t('resourcesRemove')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-labelledby={`remove-question-${item.id}`}>
          <p id={`remove-question-${item.id}`}>{t('resourcesRemoveQuestion', [item.title])}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await resources!.remove(item.id);
                  onRemoved();
                  await onChanged();
                }, t('resourcesRemoved'))
              }
            >
              {t('resourcesRemoveConfirm')}
            </button>
            <button type="button" ref={keepButton} disabled={busy} onClick={() => setConfirming(false)}>
              {t('resourcesRemoveKeep')}
            </button>
          </div>
        </div>
      )}
      {alert}
    </li>
  );
}

function AddResource({
  playlist,
  onAdded,
  onCancel,
}: {
  playlist: Playlist;
  onAdded(): Promise<void>;
  onCancel(): void;
}) {
  const t = useT();
  const { resources } = usePeerServices();
  const { busy, run, alert } = useAction();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [urlProblem, setUrlProblem] = useState<'credentials' | 'invalid' | null>(null);
  const urlField = useRef<HTMLInputElement>(null);
  const itemId = useDraftId();
  useEffect(() => urlField.current?.focus(), []);

  const add = async (event: Event) => {
    event.preventDefault();
    // The database's link rule, checked here first so the learner hears at once what to fix.
    const link = url.trim();
    const problem = resourceUrlProblem(link);
    setUrlProblem(problem);
    if (problem) {
      urlField.current?.focus();
      return;
    }
    const added = await run(
      () => resources!.add(itemId.current, playlist.id, link, title.trim(), note.trim()),
      t('resourcesAdded', [title.trim()]),
    );
    if (added) {
      itemId.renew();
      await onAdded();
    }
  };

  const hintId = `resource-url-hint-${playlist.id}`;
  const problemId = `resource-url-problem-${playlist.id}`;
  return (
    <form class="composer" noValidate onSubmit={(event) => void add(event)}>
      <div class="field">
        <label for={`resource-url-${playlist.id}`}>{t('resourcesUrlLabel')}</label>
        <input
          id={`resource-url-${playlist.id}`}
          ref={urlField}
          type="url"
          required
          maxLength={RESOURCE_URL_MAX}
          aria-invalid={urlProblem !== null}
          aria-describedby={urlProblem ? `${problemId} ${hintId}` : hintId}
          value={url}
          onInput={(event) => {
            setUrl(event.currentTarget.value);
            setUrlProblem(null);
          }}
        />
        {urlProblem && (
          <span class="error" id={problemId}>
            {urlProblem === 'credentials' ? t('resourcesUrlCredentials') : t('resourcesUrlInvalid')}
          </span>
        )}
        <span class="hint" id={hintId}>
          {t('resourcesUrlHint')}
        </span>
      </div>
      <div class="field">
        <label for={`resource-title-${playlist.id}`}>{t('resourcesItemTitleLabel')}</label>
        <input
          id={`resource-title-${playlist.id}`}
          required
          maxLength={RESOURCE_TITLE_MAX}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`resource-note-${playlist.id}`}>{t('resourcesNoteLabel')}</label>
        <textarea
          id={`resource-note-${playlist.id}`}
          rows={2}
          maxLength={RESOURCE_NOTE_MAX}
          aria-describedby={`resource-note-hint-${playlist.id}`}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
        <span class="hint" id={`resource-note-hint-${playlist.id}`}>
          {t('resourcesNoteHint')}
        </span>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || url.trim() === '' || title.trim() === ''}>
          {t('resourcesAddSubmit')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {alert}
    </form>
  );
}
