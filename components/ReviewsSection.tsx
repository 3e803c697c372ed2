/**
 * Peer review in the panel: ask peers to review your work (a link or its text) against a rubric of 2 to
 * 5 criteria, tied to this page unless you say otherwise; read the reviews you received with each
 * criterion's average, and close a request; review peers' open requests, this page's and this course's
 * first, once each, with a score from 1 to 5 per criterion and a comment. Everything here is online:
 * the database decides every write and its refusals arrive as sentences. Absent services: nothing shows.
 * The work and the comments are peers' writing: rendered as text, and a link only when it is http(s).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  criterionAverages,
  CRITERION_MAX,
  isWorkLink,
  REVIEW_COMMENT_MAX,
  REVIEW_TEXT_MAX,
  REVIEW_TITLE_MAX,
  REVIEW_URL_MAX,
  requestsToReview,
  reviewScores,
  rubricProblem,
  RUBRIC_MAX,
  RUBRIC_MIN,
  safeLink,
  scoresComplete,
  type Nearness,
  type Review,
  type ReviewRequest,
  type Reviews,
} from '@/lib/domain/reviews';
import type { CoursePlace } from '@/lib/lms/types';
import { useT } from './i18n';
import { type PeerServices, sentenceOf, useAnnounce, useDraftId, usePeerServices, useViewer } from './peer-services';
import { LoadError, useAction } from './actions';

export type ReviewsServices = NonNullable<PeerServices['reviews']>;

type Loaded = { status: 'loading' } | { status: 'ready'; reviews: Reviews } | { status: 'error'; error: string };
type T = ReturnType<typeof useT>;

/** Closed requests stay listed for a while, so the learner can still read their reviews; then they drop off. */
const CLOSED_SHOWN = 5;

const averageFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function ReviewsSection({ place }: { place: CoursePlace }) {
  const t = useT();
  const { reviews: service } = usePeerServices();
  const viewer = useViewer();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [asking, setAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const returnToAsk = useRef(false);

  const load = async () => {
    if (!service) return;
    const answer = await service
      .load(place.key)
      .catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setLoaded(answer.ok ? { status: 'ready', reviews: answer.reviews } : { status: 'error', error: answer.error });
  };
  useEffect(() => {
    void load();
    // The viewer's org decides what there is to show; the place orders peers' requests.
  }, [service, place.key, viewer.orgId, viewer.userId]);
  useEffect(() => {
    if (!asking && returnToAsk.current) askButton.current?.focus();
    returnToAsk.current = false;
  }, [asking]);

  if (!service) return null;

  const closeForm = () => {
    returnToAsk.current = true;
    setAsking(false);
  };

  let body;
  if (loaded.status === 'loading') {
    body = <p class="muted">{t('reviewsLoading')}</p>;
  } else if (loaded.status === 'error') {
    body = <LoadError error={loaded.error} onRetry={() => void load()} />;
  } else {
    const { reviews } = loaded;
    const open = reviews.mine.filter((request) => request.closedAt === null);
    const closed = reviews.mine.filter((request) => request.closedAt !== null).slice(0, CLOSED_SHOWN);
    const mine = [...open, ...closed];
    const toReview = requestsToReview(reviews, place.key);
    body = (
      <>
        {asking ? (
          <RequestForm
            place={place}
            onSent={async () => {
              closeForm();
              await load();
            }}
            onCancel={closeForm}
          />
        ) : (
          <button type="button" class="primary review-ask" ref={askButton} onClick={() => setAsking(true)}>
            {t('reviewsAsk')}
          </button>
        )}
        {mine.length > 0 && (
          <>
            <h4>{t('reviewsYours')}</h4>
            <ul class="review-list">
              {mine.map((request) => (
                <OwnRequest key={request.id} request={request} onChanged={load} />
              ))}
            </ul>
          </>
        )}
        <h4>{t('reviewsForPeers')}</h4>
        {toReview.length === 0 ? (
          <p class="muted">{t('reviewsNoneFromPeers')}</p>
        ) : (
          <ul class="review-list">
            {toReview.map(({ request, near }) => (
              <PeerRequest key={request.id} request={request} near={near} onChanged={load} />
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <section class="reviews" aria-labelledby="reviews-heading">
      <h3 id="reviews-heading">{t('reviewsHeading')}</h3>
      {body}
    </section>
  );
}

const nameOf = (t: T, name: string | null) => name ?? t('formerMember');

/** The work under review: a link (only http(s) becomes one, opened in a new tab) or its text. */
function Work({ request, open = false }: { request: ReviewRequest; open?: boolean }) {
  const t = useT();
  if (request.workUrl !== null) {
    const href = safeLink(request.workUrl);
    return href ? (
      <p class="review-work">
        <a href={href} target="_blank" rel="noopener noreferrer">
          {t('reviewsOpenWork', [new URL(href).host])}
        </a>
      </p>
    ) : (
      <p class="user-text review-work">{request.workUrl}</p>
    );
  }
  return (
    <details class="review-work" open={open}>
      <summary>{t('reviewsShowText')}</summary>
      <p class="user-text">{request.workText}</p>
    </details>
  );
}

function ScoreList({ rubric, review }: { rubric: string[]; review: Review }) {
  const t = useT();
  return (
    <ul class="review-scores">
      {rubric.map((criterion) => (
        <li key={criterion}>{t('reviewsScoreLine', [criterion, String(review.scores[criterion] ?? '')])}</li>
      ))}
    </ul>
  );
}

function OwnRequest({ request, onChanged }: { request: ReviewRequest; onChanged: () => Promise<void> }) {
  const t = useT();
  const { reviews } = usePeerServices();
  const { busy, run, alert } = useAction(onChanged);
  const heading = useRef<HTMLHeadingElement>(null);
  const count = request.reviews.length;

  const close = async () => {
    // The Close button goes away with the request's state: focus its heading rather than the page.
    if (await run(() => reviews!.close(request.id), t('reviewsClosed'))) heading.current?.focus();
  };
  return (
    <li class="review-item">
      <h5 ref={heading} tabIndex={-1}>
        {request.title}
      </h5>
      <p class="review-meta">
        <span class={request.closedAt === null ? 'badge badge-resolved' : 'badge'}>
          {request.closedAt === null ? t('reviewsStateOpen') : t('reviewsStateClosed')}
        </span>
        <span>{count === 1 ? t('reviewsCountOne') : t('reviewsCountMany', [String(count)])}</span>
        {request.placeTitle && <span>{t('reviewsAt', [request.placeTitle])}</span>}
      </p>
      <Work request={request} />
      {count === 0 ? (
        <p class="muted">{t('reviewsNoneYet')}</p>
      ) : (
        <>
          <table class="review-averages">
            <caption>{t('reviewsAveragesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reviewsCriterionColumn')}</th>
                <th scope="col">{t('reviewsAverageColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {criterionAverages(request).map(({ criterion, average }) => (
                <tr key={criterion}>
                  <th scope="row">{criterion}</th>
                  <td>{average === null ? t('reviewsNoScore') : averageFormat.format(average)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul class="review-received" aria-label={t('reviewsReceivedLabel')}>
            {request.reviews.map((review) => (
              <li key={review.id} class="review">
                <p class="review-by">{t('reviewsBy', [nameOf(t, review.reviewerName)])}</p>
                <ScoreList rubric={request.rubric} review={review} />
                {review.comment && <p class="user-text">{review.comment}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {request.closedAt === null && (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void close()}>
            {t('reviewsClose')}
            <span class="visually-hidden"> {request.title}</span>
          </button>
        </div>
      )}
      {alert}
    </li>
  );
}

function PeerRequest({
  request,
  near,
  onChanged,
}: {
  request: ReviewRequest;
  near: Nearness;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const viewer = useViewer();
  const mine = request.reviews.find((review) => review.reviewerId === viewer.userId);
  const [reviewing, setReviewing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const done = useRef<HTMLParagraphElement>(null);
  // Where focus goes when the form closes: back to "Review this work", or to "You reviewed this work".
  const returnTo = useRef<'opener' | 'done' | null>(null);
  useEffect(() => {
    if (reviewing || !returnTo.current) return;
    (returnTo.current === 'done' ? done : opener).current?.focus();
    returnTo.current = null;
  }, [reviewing, mine?.id]);

  return (
    <li class="review-item">
      <h5>{request.title}</h5>
      <p class="review-meta">
        <span>{t('reviewsAskedBy', [nameOf(t, request.requesterName)])}</span>
        {near !== 'elsewhere' && (
          <span class="badge badge-resolved">{near === 'here' ? t('reviewsNearHere') : t('reviewsNearCourse')}</span>
        )}
        {request.placeTitle && <span>{t('reviewsAt', [request.placeTitle])}</span>}
      </p>
      {mine ? (
        <>
          <p class="review-done" ref={done} tabIndex={-1}>
            {t('reviewsYouReviewed')}
          </p>
          <ScoreList rubric={request.rubric} review={mine} />
          {mine.comment && <p class="user-text">{mine.comment}</p>}
        </>
      ) : reviewing ? (
        <ReviewForm
          request={request}
          onSent={async () => {
            returnTo.current = 'done';
            await onChanged();
            setReviewing(false);
          }}
          onCancel={() => {
            returnTo.current = 'opener';
            setReviewing(false);
          }}
        />
      ) : (
        <>
          <Work request={request} />
          <button type="button" ref={opener} onClick={() => setReviewing(true)}>
            {t('reviewsReviewThis')}
            <span class="visually-hidden"> {request.title}</span>
          </button>
        </>
      )}
    </li>
  );
}

function ReviewForm({
  request,
  onSent,
  onCancel,
}: {
  request: ReviewRequest;
  onSent: () => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const { reviews } = usePeerServices();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  // A success reloads the reviews (onSent), which shows the review where this form was.
  const { busy, run, alert } = useAction(onSent);
  const title = useRef<HTMLParagraphElement>(null);
  useEffect(() => title.current?.focus(), []);
  const reviewId = useDraftId();
  const ids = {
    title: `review-of-${request.id}`,
    scale: `review-scale-${request.id}`,
    comment: `review-comment-${request.id}`,
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!scoresComplete(request.rubric, scores)) return;
    await run(
      () => reviews!.submit(reviewId.current, request.id, scores, comment.trim()),
      t('reviewsSent', [nameOf(t, request.requesterName)]),
    );
  };

  return (
    <form class="composer review-form" aria-labelledby={ids.title} onSubmit={(event) => void submit(event)}>
      <p id={ids.title} class="review-form-title" ref={title} tabIndex={-1}>
        {t('reviewsYourReviewOf', [request.title])}
      </p>
      <Work request={request} open />
      <p id={ids.scale} class="hint">
        {t('reviewsScaleHint')}
      </p>
      {request.rubric.map((criterion, index) => (
        <fieldset key={criterion} class="review-criterion" aria-describedby={ids.scale}>
          <legend>{criterion}</legend>
          <div class="review-scale">
            {reviewScores.map((score) => (
              <label key={score} class="check">
                <input
                  type="radio"
                  name={`review-${request.id}-${index}`}
                  value={score}
                  required
                  checked={scores[criterion] === score}
                  onChange={() => setScores({ ...scores, [criterion]: score })}
                />
                {String(score)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div class="field">
        <label for={ids.comment}>{t('reviewsCommentLabel')}</label>
        <textarea
          id={ids.comment}
          rows={3}
          maxLength={REVIEW_COMMENT_MAX}
          value={comment}
          onInput={(event) => setComment(event.currentTarget.value)}
        />
        <span class="hint">{t('reviewsCommentHint')}</span>
      </div>
      {alert}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !scoresComplete(request.rubric, scores)}>
          {t('reviewsSend')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

type Problem = { message: string; field?: string };

function RequestForm({
  place,
  onSent,
  onCancel,
}: {
  place: CoursePlace;
  onSent: () => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const { reviews } = usePeerServices();
  const announce = useAnnounce();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'link' | 'text'>('link');
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  // A sensible default the learner can edit, in their language.
  const [rubric, setRubric] = useState(() => [
    t('reviewsCriterionClarity'),
    t('reviewsCriterionEvidence'),
    t('reviewsCriterionStructure'),
  ]);
  const [atPlace, setAtPlace] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const focusAfter = useRef<string | null>(null);
  const requestId = useDraftId();
  useEffect(() => {
    const id = focusAfter.current ?? 'review-title';
    form.current?.querySelector<HTMLElement>(`#${id}`)?.focus();
    focusAfter.current = null;
  }, [rubric.length]);

  const placeTitle = place.lessonTitle ?? place.courseTitle;
  const criterionId = (index: number) => `review-criterion-${index}`;

  const check = (): Problem | null => {
    if (title.trim() === '') return { message: t('reviewsTitleMissing'), field: 'review-title' };
    if (kind === 'link' && !isWorkLink(url)) return { message: t('reviewsLinkInvalid'), field: 'review-url' };
    if (kind === 'text' && text.trim() === '') return { message: t('reviewsTextMissing'), field: 'review-text' };
    const rubricIssue = rubricProblem(rubric);
    if (rubricIssue === null) return null;
    const labels = rubric.map((label) => label.trim());
    const at =
      rubricIssue === 'duplicate'
        ? labels.findIndex((label, index) =>
            labels.slice(0, index).some((earlier) => earlier.toLowerCase() === label.toLowerCase()),
          )
        : labels.findIndex((label) => label === '' || label.length > CRITERION_MAX);
    return { message: t(`reviewsRubric_${rubricIssue}`), field: at >= 0 ? criterionId(at) : undefined };
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const issue = check();
    setProblem(issue);
    if (issue) {
      if (issue.field) form.current?.querySelector<HTMLElement>(`#${issue.field}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await reviews!.request(
        requestId.current,
        {
          title: title.trim(),
          work: kind === 'link' ? { kind, url: url.trim() } : { kind, text: text.trim() },
          rubric: rubric.map((label) => label.trim()),
        },
        atPlace ? place : undefined,
      );
      announce(t('reviewsRequested'));
      requestId.renew();
      await onSent();
    } catch (thrown) {
      setProblem({ message: sentenceOf(thrown) });
    } finally {
      setBusy(false);
    }
  };

  /** Marks the field the problem is about, and points it at the sentence (and at its hint, if any). */
  const described = (id: string, hint?: string) => {
    const problemHere = problem?.field === id;
    const describedBy = [problemHere ? 'review-problem' : '', hint ?? ''].filter(Boolean).join(' ');
    return { 'aria-invalid': problemHere || undefined, 'aria-describedby': describedBy || undefined };
  };
  const removeCriterion = (index: number) => {
    focusAfter.current = rubric.length - 1 > index ? criterionId(index) : criterionId(index - 1);
    setRubric(rubric.filter((_, at) => at !== index));
  };
  const addCriterion = () => {
    focusAfter.current = criterionId(rubric.length);
    setRubric([...rubric, '']);
  };

  return (
    <form
      class="composer review-request"
      ref={form}
      aria-labelledby="review-request-heading"
      onSubmit={(event) => void submit(event)}
    >
      <h4 id="review-request-heading">{t('reviewsAskHeading')}</h4>
      <div class="field">
        <label for="review-title">{t('reviewsTitleLabel')}</label>
        <input
          id="review-title"
          type="text"
          maxLength={REVIEW_TITLE_MAX}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
          {...described('review-title')}
        />
      </div>
      <fieldset class="review-fieldset">
        <legend>{t('reviewsWorkLegend')}</legend>
        <label class="check">
          <input type="radio" name="review-kind" checked={kind === 'link'} onChange={() => setKind('link')} />
          {t('reviewsWorkLink')}
        </label>
        <label class="check">
          <input type="radio" name="review-kind" checked={kind === 'text'} onChange={() => setKind('text')} />
          {t('reviewsWorkText')}
        </label>
      </fieldset>
      {kind === 'link' ? (
        <div class="field">
          <label for="review-url">{t('reviewsUrlLabel')}</label>
          <input
            id="review-url"
            type="url"
            inputMode="url"
            maxLength={REVIEW_URL_MAX}
            placeholder="https://"
            value={url}
            onInput={(event) => setUrl(event.currentTarget.value)}
            {...described('review-url', 'review-url-hint')}
          />
          <span id="review-url-hint" class="hint">
            {t('reviewsUrlHint')}
          </span>
        </div>
      ) : (
        <div class="field">
          <label for="review-text">{t('reviewsTextLabel')}</label>
          <textarea
            id="review-text"
            rows={6}
            maxLength={REVIEW_TEXT_MAX}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
            {...described('review-text')}
          />
        </div>
      )}
      <fieldset class="review-fieldset" aria-describedby="review-rubric-hint">
        <legend>{t('reviewsRubricLegend')}</legend>
        <p id="review-rubric-hint" class="hint">
          {t('reviewsRubricHint')}
        </p>
        {rubric.map((label, index) => (
          <div class="review-criterion-field" key={index}>
            <label for={criterionId(index)}>{t('reviewsCriterionLabel', [String(index + 1)])}</label>
            <input
              id={criterionId(index)}
              type="text"
              maxLength={CRITERION_MAX}
              value={label}
              onInput={(event) => {
                const value = event.currentTarget.value;
                setRubric(rubric.map((old, at) => (at === index ? value : old)));
              }}
              {...described(criterionId(index))}
            />
            {rubric.length > RUBRIC_MIN && (
              <button type="button" disabled={busy} onClick={() => removeCriterion(index)}>
                {t('reviewsCriterionRemove', [String(index + 1)])}
              </button>
            )}
          </div>
        ))}
        {rubric.length < RUBRIC_MAX && (
          <button type="button" id="review-criterion-add" disabled={busy} onClick={addCriterion}>
            {t('reviewsCriterionAdd')}
          </button>
        )}
      </fieldset>
      <label class="check review-at-place">
        <input type="checkbox" checked={atPlace} onChange={(event) => setAtPlace(event.currentTarget.checked)} />
        {placeTitle ? t('reviewsAtPlace', [placeTitle]) : t('reviewsAtPlaceUntitled')}
      </label>
      {problem && (
        <p role="alert" id="review-problem" class="error">
          {problem.message}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('reviewsSendRequest')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
