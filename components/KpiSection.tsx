/**
 * The pilot's KPIs as charts (numbers people compare) with the same figures in a table beside them,
 * for screen readers and for copying into a report. Plain SVG: no chart library in the bundle.
 */
import type { KpiAnswer, KpiWeek } from '@/lib/domain/kpi';
import { useT } from './i18n';

export type KpiState = { status: 'loading' } | { status: 'unavailable' } | { status: 'ready'; answer: KpiAnswer };

interface Series {
  label: string;
  values: (number | null)[];
  color: string;
}

const W = 560;
const H = 160;
const PAD = { left: 36, right: 8, top: 10, bottom: 24 };

function BarChart({
  title,
  weeks,
  series,
  percent = false,
}: {
  title: string;
  weeks: KpiWeek[];
  series: Series[];
  percent?: boolean;
}) {
  const t = useT();
  const scale = percent ? 1 : Math.max(1, ...series.flatMap((s) => s.values.map((value) => value ?? 0)));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, weeks.length);
  const bar = (slot * 0.8) / series.length;
  const y = (value: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - value / scale);
  const show = (value: number | null) =>
    value === null ? t('kpiNone') : percent ? `${Math.round(value * 100)}%` : String(value);
  const first = series[0]!.values;
  const summary = t('kpiChartSummary', [
    title,
    show(first[0] ?? null),
    weeks[0]?.weekStart ?? '',
    show(first.at(-1) ?? null),
    weeks.at(-1)?.weekStart ?? '',
    show(percent ? Math.max(...first.map((value) => value ?? 0)) : scale),
  ]);
  return (
    <figure class="kpi-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} class="axis" />
        <text x={PAD.left - 4} y={y(scale) + 4} text-anchor="end" class="tick">
          {percent ? '100%' : scale}
        </text>
        <text x={PAD.left - 4} y={y(0)} text-anchor="end" class="tick">
          0
        </text>
        {weeks.map((week, index) =>
          series.map((s, k) => {
            const value = s.values[index] ?? 0;
            const x = PAD.left + index * slot + slot * 0.1 + k * bar;
            return (
              <rect
                key={`${week.weekStart}-${s.label}`}
                x={x}
                y={y(value)}
                width={bar}
                height={y(0) - y(value)}
                fill={s.color}
              >
                <title>{`${s.label}, ${week.weekStart}: ${show(s.values[index] ?? null)}`}</title>
              </rect>
            );
          }),
        )}
        {weeks.map((week, index) =>
          index % 2 === 0 ? (
            <text
              key={week.weekStart}
              x={PAD.left + index * slot + slot / 2}
              y={H - 6}
              text-anchor="middle"
              class="tick"
            >
              {week.weekStart.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      {series.length > 1 && (
        <p class="legend">
          {series.map((s) => (
            <span key={s.label}>
              <span class="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.label}
            </span>
          ))}
        </p>
      )}
    </figure>
  );
}

export function KpiSection({ state }: { state: KpiState }) {
  const t = useT();
  let body;
  if (state.status === 'loading') body = <p class="muted">{t('kpiLoading')}</p>;
  else if (state.status === 'unavailable') body = <p>{t('kpiSignIn')}</p>;
  else if (!state.answer.ok) body = <p role="alert">{state.answer.error}</p>;
  else {
    const weeks = state.answer.weeks;
    const none = t('kpiNone');
    const number = (value: number | null, digits = 0) => (value === null ? none : value.toFixed(digits));
    body = (
      <>
        <BarChart
          title={t('kpiContributors')}
          weeks={weeks}
          series={[
            { label: t('kpiSeriesContributors'), values: weeks.map((w) => w.activeContributors), color: '#1d4ed8' },
          ]}
        />
        <BarChart
          title={t('kpiQuestionsAnswers')}
          weeks={weeks}
          series={[
            { label: t('kpiSeriesQuestions'), values: weeks.map((w) => w.questions), color: '#0f766e' },
            { label: t('kpiSeriesAnswers'), values: weeks.map((w) => w.answers), color: '#b45309' },
          ]}
        />
        <BarChart
          title={t('kpiResponseRate')}
          weeks={weeks}
          percent
          series={[{ label: t('kpiSeriesResponse'), values: weeks.map((w) => w.responseRate), color: '#7c3aed' }]}
        />
        <BarChart
          title={t('kpiPeerReviews')}
          weeks={weeks}
          series={[
            { label: t('kpiSeriesReviewsGiven'), values: weeks.map((w) => w.peerReviewsGiven), color: '#be185d' },
            {
              label: t('kpiSeriesReviewsRequested'),
              values: weeks.map((w) => w.peerReviewsRequested),
              color: '#4d7c0f',
            },
          ]}
        />
        <table class="kpi-table">
          <caption>{t('kpiTableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpiWeek')}</th>
              <th scope="col">{t('kpiSeriesContributors')}</th>
              <th scope="col">{t('kpiSeriesQuestions')}</th>
              <th scope="col">{t('kpiSeriesAnswers')}</th>
              <th scope="col">{t('kpiSeriesResponse')}</th>
              <th scope="col">{t('kpiMedianHours')}</th>
              <th scope="col">{t('kpiEndorsements')}</th>
              <th scope="col">{t('kpiMentorRequests')}</th>
              <th scope="col">{t('kpiSeriesReviewsGiven')}</th>
              <th scope="col">{t('kpiSeriesReviewsRequested')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{w.weekStart}</th>
                <td>{w.activeContributors}</td>
                <td>{w.questions}</td>
                <td>{w.answers}</td>
                <td>{w.responseRate === null ? none : `${Math.round(w.responseRate * 100)}%`}</td>
                <td>{number(w.medianHoursToFirstAnswer, 1)}</td>
                <td>{w.endorsementsGiven}</td>
                <td>{`${number(w.mentorRequestsMade)} (${number(w.mentorRequestsFulfilled)})`}</td>
                <td>{number(w.peerReviewsGiven)}</td>
                <td>{number(w.peerReviewsRequested)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">{t('kpiHeading')}</h2>
      {body}
    </section>
  );
}
