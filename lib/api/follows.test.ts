/** Following questions and places as the background does it, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import type { CoursePlace } from '@/lib/lms/types';
import { signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { readInbox } from './notifications';
import { follow, isFollowing, unfollow } from './follows';

const local = useLocalBackend();
const signedIn = (email: string) => signedInClient(local, email);

// Seeded in supabase/seed.sql: Jonas's temperature question; Contoso is another org.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const TEMPERATURE = 'd4000000-0000-4000-8000-000000000002';

describe('follows', () => {
  it('follows a question once however often, hears of its new answers, and unfollows', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const target = { kind: 'thread' as const, threadId: TEMPERATURE };
    expect(await isFollowing(amara, NORTHWIND, target)).toBe(false);
    expect(await follow(amara, NORTHWIND, crypto.randomUUID(), target)).toEqual({ ok: true });
    expect(await follow(amara, NORTHWIND, crypto.randomUUID(), target)).toEqual({ ok: true });
    expect(await isFollowing(amara, NORTHWIND, target)).toBe(true);
    const rows = await amara.from('follows').select('id').eq('thread_id', TEMPERATURE);
    expect(rows.data).toHaveLength(1);

    const grace = await signedIn('grace.liu@northwind.example');
    const answered = await grace.from('posts').insert({
      id: crypto.randomUUID(),
      org_id: NORTHWIND,
      thread_id: TEMPERATURE,
      body: 'Celsius is interval data: differences mean something, ratios do not.',
    });
    expect(answered.error).toBeNull();
    expect((await readInbox(amara)).items[0]).toMatchObject({ kind: 'followed_activity', threadId: TEMPERATURE });

    expect(await unfollow(amara, NORTHWIND, target)).toEqual({ ok: true });
    expect(await isFollowing(amara, NORTHWIND, target)).toBe(false);
  });

  it('follows a lesson nobody has written at yet, adding the place, and hears of its first question', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const place: CoursePlace = {
      platform: 'moodle',
      isCoursePage: true,
      courseId: '4021',
      courseTitle: 'Introduction to Data Analysis',
      lessonId: 'cm:1325399',
      lessonTitle: 'Quiz: Spread',
      key: 'moodle|moodle.localhost:8080|4021|cm:1325399',
    };
    const target = { kind: 'place' as const, place };
    expect(await follow(amara, NORTHWIND, crypto.randomUUID(), target)).toEqual({ ok: true });
    expect(await isFollowing(amara, NORTHWIND, target)).toBe(true);

    const jonas = await signedIn('jonas.becker@northwind.example');
    const asked = await jonas.from('threads').insert({
      id: crypto.randomUUID(),
      org_id: NORTHWIND,
      place_key: place.key,
      title: 'Is the interquartile range robust to outliers?',
    });
    expect(asked.error).toBeNull();
    expect((await readInbox(amara)).items[0]).toMatchObject({ kind: 'followed_activity' });
  });

  it("refuses following another organisation's question with a sentence", async () => {
    const ben = await signedIn('ben.carter@contoso.example');
    expect(await follow(ben, CONTOSO, crypto.randomUUID(), { kind: 'thread', threadId: TEMPERATURE })).toEqual({
      ok: false,
      error: 'This is not yours to follow: it may be gone, or belong to another organisation.',
    });
  });
});
