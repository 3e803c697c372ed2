/** Steps the peer Q&A e2e tests share: sign in through the options page, ask in the panel, count on the server. */
import type { BrowserContext, Page } from '@playwright/test';
import { startBackend, type Backend } from '../../scripts/backend/index.mjs';
import { expect } from './fixtures';

export const AMARA = 'amara.okafor@northwind.example';

/** Connects the extension to `backend` and signs `email` in, through the options page as a learner would. */
export async function signIn(
  context: BrowserContext,
  extensionId: string,
  backend: Backend,
  codes: Map<string, string>,
  email: string,
) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Server address').fill(backend.url);
  await options.getByLabel('Access key').fill(backend.anonKey);
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByLabel('Work email').fill(email);
  await options.getByRole('button', { name: 'Email me a sign-in code' }).click();
  await expect(options.getByLabel('Sign-in code')).toBeVisible();
  await options.getByLabel('Sign-in code').fill(codes.get(email)!);
  await options.getByRole('button', { name: 'Sign in' }).click();
  await expect(options.getByText(/^Signed in as /)).toBeVisible();
  await options.close();
}

/** Asks a question in the panel's composer. */
export async function ask(panel: Page, title: string) {
  // The empty list also offers "Ask the first question": either opens the same composer.
  await panel.getByRole('button', { name: 'Ask a question' }).click();
  await panel.getByLabel('Your question').fill(title);
  await panel.getByLabel('Details (optional)').fill('Asked from the e2e test.');
  await panel.getByRole('button', { name: 'Post question' }).click();
}

/** Threads with this title in PostgreSQL, read with the service role (past RLS). */
export async function serverThreads(backend: Backend, title: string): Promise<number> {
  const response = await fetch(`${backend.url}/rest/v1/threads?title=eq.${encodeURIComponent(title)}&select=id`, {
    headers: { apikey: backend.serviceRoleKey, authorization: `Bearer ${backend.serviceRoleKey}` },
  });
  return ((await response.json()) as unknown[]).length;
}

/** A person's follows of a question in PostgreSQL, read with the service role (past RLS). */
export async function serverFollows(backend: Backend, threadId: string, userId: string): Promise<number> {
  const response = await fetch(
    `${backend.url}/rest/v1/follows?thread_id=eq.${threadId}&user_id=eq.${userId}&select=id`,
    {
      headers: { apikey: backend.serviceRoleKey, authorization: `Bearer ${backend.serviceRoleKey}` },
    },
  );
  return ((await response.json()) as unknown[]).length;
}

/**
 * The real local backend for one e2e test, in memory on free ports (or on `ports`/`dataDir` to come
 * back after a restart), with the one-time codes the auth stand-in would have emailed.
 */
export async function startTestBackend(
  codes = new Map<string, string>(),
  options: { port?: number; dbPort?: number; dataDir?: string | null } = {},
) {
  const backend = await startBackend({
    port: options.port ?? 0,
    dbPort: options.dbPort ?? 0,
    dataDir: options.dataDir ?? null,
    log: () => {},
    onCode: ({ email, code }) => void codes.set(email, code),
  });
  return { backend, codes };
}

/**
 * Puts a peer's question and answers at a place before the test, as the database would hold them had
 * those peers written them (service role, past RLS): the seed's threads live at moodle.localhost, while
 * the e2e demo runs on a mapped host with a free port, so each test that needs peers' writing makes its own.
 */
export async function seedThread(
  backend: Backend,
  thread: {
    placeKey: string;
    platform: string;
    title: string;
    authorId: string;
    answers: { authorId: string; body: string }[];
  },
): Promise<{ threadId: string; answerIds: string[] }> {
  const org = '10000000-0000-4000-8000-000000000001';
  const insert = async (table: string, rows: object[], conflict?: string) => {
    const response = await fetch(`${backend.url}/rest/v1/${table}${conflict ? `?on_conflict=${conflict}` : ''}`, {
      method: 'POST',
      headers: {
        apikey: backend.serviceRoleKey,
        authorization: `Bearer ${backend.serviceRoleKey}`,
        'content-type': 'application/json',
        prefer: conflict ? 'resolution=ignore-duplicates' : 'return=minimal',
      },
      body: JSON.stringify(rows),
    });
    if (!response.ok) throw new Error(`Seeding ${table} failed: ${response.status} ${await response.text()}`);
  };
  const threadId = crypto.randomUUID();
  const answerIds = thread.answers.map(() => crypto.randomUUID());
  await insert('places', [{ org_id: org, key: thread.placeKey, platform: thread.platform }], 'org_id,key');
  await insert('threads', [
    { id: threadId, org_id: org, place_key: thread.placeKey, author_id: thread.authorId, title: thread.title },
  ]);
  await insert(
    'posts',
    thread.answers.map((answer, index) => ({
      id: answerIds[index],
      org_id: org,
      thread_id: threadId,
      author_id: answer.authorId,
      body: answer.body,
    })),
  );
  return { threadId, answerIds };
}
