-- Demo circles (applied after seed.sql): on the demo Moodle course "Introduction to Data Analysis"
-- (moodle|moodle.localhost:8080|4021), Northwind has an open cohort run by Sofia with Amara and Jonas,
-- and Grace's invite-only mentorship circle with Mei and Amara; on the Canvas course, an archived cohort
-- of Mei's. Upcoming practice and micro-teaching sessions with RSVPs, a past kick-off and a cancelled
-- office hour. Contoso has its own cohort on the same course key, which Northwind never sees.
-- Times are relative to now(), so the sessions are upcoming whenever the stack is reset. Runs as
-- postgres (no RLS), written as the RPCs would write it: leads are members, hosts are in the circle.

insert into public.circles (id, org_id, kind, course_key, name, description, capacity, invite_only, created_by,
  archived_at, created_at, updated_at)
values
  ('c1c00000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'cohort',
    'moodle|moodle.localhost:8080|4021', 'Week 2 study group',
    'We meet twice a week to work through the exercises together and take turns explaining one idea in ten minutes. Everyone on the course is welcome.',
    12, false, 'a1000000-0000-4000-8000-000000000006', null, now() - interval '20 days', now() - interval '20 days'),
  ('c1c00000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'mentorship',
    'moodle|moodle.localhost:8080|4021', 'SQL for analysts with Grace',
    'A small mentorship circle for learners who want to use SQL in the course project. Ask Grace to add you.',
    6, true, 'a1000000-0000-4000-8000-000000000003', null, now() - interval '15 days', now() - interval '15 days'),
  ('c1c00000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'cohort',
    'canvas|canvas.localhost:8080|1730', 'Charter clinic', 'Peer feedback on project charters before the deadline.',
    8, false, 'a1000000-0000-4000-8000-000000000007', now() - interval '10 days', now() - interval '40 days',
    now() - interval '10 days'),
  ('c1c00000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002', 'cohort',
    'moodle|moodle.localhost:8080|4021', 'Data Analysis peers', 'Contoso learners of the course, practising together.',
    20, false, 'b2000000-0000-4000-8000-000000000002', null, now() - interval '12 days', now() - interval '12 days');

insert into public.circle_members (org_id, circle_id, user_id, role, joined_at) values
  -- Week 2 study group: Sofia (lead), Amara, Jonas.
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000006', 'lead', now() - interval '20 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000004', 'member', now() - interval '18 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000005', 'member', now() - interval '17 days'),
  -- SQL for analysts: Grace (lead), Mei, Amara.
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000002',
    'a1000000-0000-4000-8000-000000000003', 'lead', now() - interval '15 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000002',
    'a1000000-0000-4000-8000-000000000007', 'member', now() - interval '14 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000002',
    'a1000000-0000-4000-8000-000000000004', 'member', now() - interval '14 days'),
  -- Charter clinic (archived): Mei (lead), Sofia.
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000003',
    'a1000000-0000-4000-8000-000000000007', 'lead', now() - interval '40 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000003',
    'a1000000-0000-4000-8000-000000000006', 'member', now() - interval '38 days'),
  -- Contoso's Data Analysis peers: Ben (lead), Nadia.
  ('20000000-0000-4000-8000-000000000002', 'c1c00000-0000-4000-8000-000000000101',
    'b2000000-0000-4000-8000-000000000002', 'lead', now() - interval '12 days'),
  ('20000000-0000-4000-8000-000000000002', 'c1c00000-0000-4000-8000-000000000101',
    'b2000000-0000-4000-8000-000000000001', 'member', now() - interval '11 days');

insert into public.circle_sessions (id, org_id, circle_id, kind, title, agenda, starts_at, duration_minutes,
  meeting_url, host_id, created_by, cancelled_at, created_at, updated_at)
values
  ('c1c50000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'c1c00000-0000-4000-8000-000000000001', 'practice', 'Kick-off: how we work',
    'Introductions, pick a meeting rhythm, agree who explains what in week 2.',
    date_trunc('day', now()) - interval '6 days' + interval '17 hours', 45,
    'https://meet.example.com/northwind-week2', 'a1000000-0000-4000-8000-000000000006',
    'a1000000-0000-4000-8000-000000000006', null, now() - interval '19 days', now() - interval '19 days'),
  ('c1c50000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'c1c00000-0000-4000-8000-000000000001', 'practice', 'Practice: the measurement scales quiz, together',
    'Each of us answers two questions out loud; the others check the reasoning, not just the answer.',
    date_trunc('day', now()) + interval '2 days 17 hours', 60,
    'https://meet.example.com/northwind-week2', 'a1000000-0000-4000-8000-000000000006',
    'a1000000-0000-4000-8000-000000000006', null, now() - interval '3 days', now() - interval '3 days'),
  ('c1c50000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'c1c00000-0000-4000-8000-000000000001', 'micro_teaching', 'Jonas explains interval and ratio data in 10 minutes',
    '10 minutes of teaching, 10 minutes of questions, then two strengths and one suggestion each.',
    date_trunc('day', now()) + interval '4 days 17 hours', 30,
    'https://meet.example.com/northwind-week2', 'a1000000-0000-4000-8000-000000000005',
    'a1000000-0000-4000-8000-000000000006', null, now() - interval '2 days', now() - interval '2 days'),
  ('c1c50000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'c1c00000-0000-4000-8000-000000000002', 'micro_teaching', 'Mei teaches GROUP BY with the course dataset',
    'Mei presents for 15 minutes; Grace and Amara give feedback on clarity and examples.',
    date_trunc('day', now()) + interval '5 days 16 hours', 45,
    'https://meet.example.com/grace-sql', 'a1000000-0000-4000-8000-000000000007',
    'a1000000-0000-4000-8000-000000000003', null, now() - interval '2 days', now() - interval '2 days'),
  ('c1c50000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'c1c00000-0000-4000-8000-000000000002', 'practice', 'Query clinic: bring your week 2 exercise',
    null, date_trunc('day', now()) + interval '8 days 16 hours', 60,
    'https://meet.example.com/grace-sql', 'a1000000-0000-4000-8000-000000000003',
    'a1000000-0000-4000-8000-000000000003', null, now() - interval '1 day', now() - interval '1 day'),
  ('c1c50000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001',
    'c1c00000-0000-4000-8000-000000000002', 'practice', 'Office hour',
    null, date_trunc('day', now()) + interval '1 day 12 hours', 30,
    null, 'a1000000-0000-4000-8000-000000000003',
    'a1000000-0000-4000-8000-000000000003', now() - interval '1 day', now() - interval '6 days',
    now() - interval '1 day'),
  ('c1c50000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'c1c00000-0000-4000-8000-000000000101', 'practice', 'Week 1 dataset walk-through',
    null, date_trunc('day', now()) + interval '3 days 15 hours', 60,
    'https://meet.example.com/contoso-peers', 'b2000000-0000-4000-8000-000000000002',
    'b2000000-0000-4000-8000-000000000002', null, now() - interval '4 days', now() - interval '4 days');

insert into public.circle_session_attendees (org_id, circle_id, session_id, user_id, going, created_at) values
  -- The kick-off: who said they would come.
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'c1c50000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000004', true, now() - interval '8 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'c1c50000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', true, now() - interval '8 days'),
  -- The quiz practice.
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'c1c50000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000004', true, now() - interval '2 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'c1c50000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000005', false, now() - interval '1 day'),
  -- Jonas's micro-teaching.
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'c1c50000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000004', true, now() - interval '1 day'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000001',
    'c1c50000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000006', true, now() - interval '1 day'),
  -- Mei's micro-teaching and Grace's clinic.
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000002',
    'c1c50000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000003', true, now() - interval '2 days'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000002',
    'c1c50000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000004', true, now() - interval '1 day'),
  ('10000000-0000-4000-8000-000000000001', 'c1c00000-0000-4000-8000-000000000002',
    'c1c50000-0000-4000-8000-000000000005', 'a1000000-0000-4000-8000-000000000007', true, now() - interval '12 hours'),
  -- Contoso.
  ('20000000-0000-4000-8000-000000000002', 'c1c00000-0000-4000-8000-000000000101',
    'c1c50000-0000-4000-8000-000000000101', 'b2000000-0000-4000-8000-000000000001', true, now() - interval '3 days');
