// `npm run demo`: only the demo LMS, on PEERSIDE_DEMO_PORT (default 8080), for loading the extension by hand.
import { startDemoLms } from '../tests/fixtures/demo-lms/server.mjs';

const server = await startDemoLms({ port: Number(process.env.PEERSIDE_DEMO_PORT ?? 8080) });
console.log(`Demo LMS: http://moodle.localhost:${server.port}/course/view.php?id=4021`);
console.log(`          http://canvas.localhost:${server.port}/courses/1730`);
