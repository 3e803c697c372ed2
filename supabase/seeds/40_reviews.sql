-- Demo peer reviews (supabase/migrations/20251125102900_review_requests.sql and the review RPCs), on the
-- demo courses of seed.sql and by its people, applied after it. Runs as postgres, so the RPCs' checks do
-- not apply: every rubric and set of scores below is written to pass them (2 to 5 labels; each label
-- scored 1 to 5; no review of one's own work; no review after a request closed). The notification
-- trigger still tells each requester of each review (review_received); those older than five days have
-- been read, as in seed.sql.
--   Northwind
--     Mei's project charter (Canvas charter lesson)        open    reviewed by Grace and Sofia
--     Sofia's spreadsheet walkthrough (Moodle course)      open    no reviews yet
--     Amara's quiz reflection (Moodle quiz lesson)         closed  reviewed by Jonas and Tomás
--     Jonas's temperature scales explainer (no place)      closed  reviewed by Grace
--   Contoso
--     Ben's dataset summary (Contoso's Moodle course)      open    reviewed by Nadia; Northwind never sees it

insert into public.review_requests (id, org_id, requester_id, place_key, title, work_url, work_text, rubric,
  closed_at, created_at, updated_at)
values
  ('aa000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000007', 'canvas|canvas.localhost:8080|1730|module_item:448684',
    'Project charter draft: library room booking app',
    'https://docs.example.com/d/mei-tanaka/library-booking-charter', null,
    '["Scope is clear", "Stakeholders and their interests", "Risks and assumptions"]',
    null, now() - interval '3 days', now() - interval '3 days'),
  ('aa000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000006', 'moodle|moodle.localhost:8080|4021',
    'Week 2 exercises in LibreOffice Calc: my walkthrough',
    'https://docs.example.com/d/sofia-marino/week-2-calc-walkthrough', null,
    '["Steps can be repeated", "Formulas are correct", "Clarity"]',
    null, now() - interval '20 hours', now() - interval '20 hours'),
  ('aa000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000004', 'moodle|moodle.localhost:8080|4021|cm:1325312',
    'Quiz 1 reflection: discrete and continuous variables', null,
    'I got question 3 wrong because I treated "number of siblings" as continuous: its average can be 2.4, so '
    'I assumed the variable could take that value too. The difference is between the variable and a summary '
    'of it. A variable is discrete when its possible values can be counted (0, 1, 2 siblings); it is '
    'continuous when any value in a range is possible (a height of 1.734 m). Averages of discrete variables '
    'are often fractions, and that says nothing about the variable itself. Next time I will ask "could one '
    'observation take this value?" before answering.',
    '["Clarity", "Use of examples"]',
    now() - interval '1 day', now() - interval '8 days', now() - interval '1 day'),
  ('aa000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000005', null,
    'Explainer: why 20 °C is not twice as warm as 10 °C', null,
    'Celsius puts its zero at the freezing point of water, a convenient mark rather than "no temperature". '
    'Differences are meaningful (20 °C is 10 degrees warmer than 10 °C), but ratios are not, which makes '
    'Celsius an interval scale. Kelvin starts at absolute zero, where there is no thermal energy left, so '
    'ratios work there: 300 K is twice 150 K. Converting 10 °C and 20 °C gives 283.15 K and 293.15 K, '
    'only about 3.5% apart.',
    '["Accuracy", "Clarity"]',
    now() - interval '5 days', now() - interval '7 days', now() - interval '5 days'),
  ('aa000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'b2000000-0000-4000-8000-000000000002', 'moodle|moodle.localhost:8080|4021',
    'Summary of the week 1 dataset', null,
    'The dataset has 412 rows, one per survey response, and 9 columns. Two columns have missing values: '
    'income (31 missing) and region (4 missing). Age ranges from 18 to 74 with a median of 36.',
    '["Clarity", "Evidence"]',
    null, now() - interval '2 days', now() - interval '2 days');

insert into public.reviews (id, org_id, request_id, reviewer_id, scores, comment, created_at, updated_at) values
  -- Mei's charter: Grace (mentor) and Sofia.
  ('ab000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'aa000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000003',
    '{"Scope is clear": 4, "Stakeholders and their interests": 5, "Risks and assumptions": 3}',
    'The in-scope and out-of-scope lists make the boundaries easy to see, and each stakeholder has an interest '
    'and an influence level. The risks section names two risks but no assumptions: what are you assuming about '
    'the library''s booking rules staying as they are?',
    now() - interval '2 days', now() - interval '2 days'),
  ('ab000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'aa000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000006',
    '{"Scope is clear": 3, "Stakeholders and their interests": 4, "Risks and assumptions": 4}',
    'I was not sure whether evening bookings are in scope; the goal says "all opening hours" but the scope '
    'table stops at 6 pm.',
    now() - interval '1 day', now() - interval '1 day'),
  -- Amara's reflection: Jonas and Tomás (moderator), before she closed it.
  ('ab000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'aa000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000005',
    '{"Clarity": 4, "Use of examples": 5}',
    'The siblings and height examples make the difference obvious. The last sentence is a good rule to keep.',
    now() - interval '7 days', now() - interval '7 days'),
  ('ab000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'aa000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000002',
    '{"Clarity": 5, "Use of examples": 4}',
    null,
    now() - interval '6 days', now() - interval '6 days'),
  -- Jonas's explainer: Grace, before he closed it.
  ('ab000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'aa000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000003',
    '{"Accuracy": 5, "Clarity": 4}',
    'Accurate, and the kelvin conversion at the end is a nice check. Say "thermal energy" only once: the '
    'second time, "no temperature left" is clearer.',
    now() - interval '6 days', now() - interval '6 days'),
  -- Ben's summary, in Contoso: Nadia.
  ('ab000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'aa000000-0000-4000-8000-000000000101', 'b2000000-0000-4000-8000-000000000001',
    '{"Clarity": 4, "Evidence": 3}',
    'Clear. Say how you counted the missing values, so someone can check them.',
    now() - interval '1 day', now() - interval '1 day');

update public.notifications set read_at = created_at + interval '3 hours'
where kind = 'review_received' and read_at is null and created_at < now() - interval '5 days';
