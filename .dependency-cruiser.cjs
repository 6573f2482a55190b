/**
 * Earshot's architecture, written down as import rules that `npm test` (scripts/test.sh, which CI
 * runs) checks with dependency-cruiser. Layers, lowest first; a layer may import the ones below it:
 *
 *   domain      shared types, schemas and the error catalogue; imports nothing of Earshot's
 *   analysis    pure logic (sentiment, intents, alert scores, matching); domain only
 *   config      maps the environment onto typed settings; domain only
 *   store       one repository per collection, reads and writes; domain only (no rules)
 *   queue       the job catalogue, job options and producer (jobs/catalogue|options|producer|schedule)
 *   egress      the one guarded outbound HTTP client (egress/); domain only
 *   services    what a stage or a route calls: services/ (alerts, intake), notify/
 *   sources     the poll stage's connectors (sources/), beside the services: fetch and normalise a page;
 *               domain, config and egress only
 *   workers     one processor per stage, and jobs/scheduler and jobs/sweeper
 *   api         the Express app; calls services, never a worker
 *   main.ts     wires the roles together; cli/ and scripts/ are entry points beside it
 *
 * Nothing imports main.ts, cli/, scripts/ or test/; nothing has an import cycle. A folder that
 * moves changes the patterns in LAYERS, not the rules. There are no known violations: any
 * violation fails CI.
 */

/** Today's paths of each layer, as regular expressions over paths from the repository's root. */
const LAYERS = {
  domain: '^domain/',
  analysis: '^analysis/',
  config: '^config/',
  store: '^store/',
  queue: '^jobs/(catalogue|options|producer|schedule)\\.ts$',
  egress: '^egress/',
  services: '^services/',
  sources: '^sources/',
  notify: '^notify/',
  workers: '^(workers/|jobs/(scheduler|sweeper)\\.ts$)',
  api: '^api/',
  main: '^main\\.ts$',
  cli: '^cli/',
  scripts: '^scripts/',
  test: '^(test/|vitest\\.config\\.ts$)',
  web: '^web/',
};

/** The names server and web app share; the browser bundles this one file of the server's. */
const VOCABULARY = '^domain/vocabulary\\.ts$';

/** Configuration of the development tools themselves, at the root. */
const TOOLING = '^[^/]+\\.(mjs|cjs)$';

/** A rule: files of `from` may import, of Earshot's own files, only those of `allowed` layers. */
function onlyImports(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: LAYERS[from] },
    to: {
      pathNot: [...allowed.map((layer) => LAYERS[layer]), 'node_modules'],
      dependencyTypesNot: ['core'],
    },
  };
}

/** What the stages and the API both stand on. */
const BELOW_STAGES = [
  'domain',
  'analysis',
  'config',
  'store',
  'queue',
  'egress',
  'services',
  'sources',
  'notify',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties modules together so that neither can change or load alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    onlyImports('domain-is-the-base', 'domain', ['domain'], 'domain/ depends on nothing of ours.'),
    onlyImports(
      'analysis-is-pure',
      'analysis',
      ['domain', 'analysis'],
      'Scores and rules are pure functions of their inputs: no settings loader, store or queue.',
    ),
    {
      name: 'analysis-does-no-io',
      comment:
        'Pure logic opens no sockets and starts no processes (reading its lexicons is fine).',
      severity: 'error',
      from: { path: LAYERS.analysis },
      to: {
        path: '^(node:)?(net|http|https|http2|tls|dgram|child_process|cluster|worker_threads)$|^node_modules/(mongodb|bullmq|ioredis|express|node-fetch)/',
      },
    },
    onlyImports(
      'config-maps-the-environment',
      'config',
      ['domain', 'config'],
      'config/ turns variables into the types domain/ declares; it knows no worker or source.',
    ),
    onlyImports(
      'store-only-reads-and-writes',
      'store',
      ['domain', 'store'],
      'Repositories read and write documents; the rules (scores, windows, trends) live above them.',
    ),
    onlyImports(
      'queue-is-low-level',
      'queue',
      ['domain', 'queue'],
      'The job catalogue and producer are shared by every stage, so they depend on no stage.',
    ),
    onlyImports(
      'egress-is-transport',
      'egress',
      ['domain', 'egress'],
      'The guarded client makes requests as the address policy allows; it knows no source or stage.',
    ),
    onlyImports(
      'services-own-the-rules',
      'services',
      ['domain', 'analysis', 'config', 'store', 'queue', 'egress', 'services'],
      'A service owns a concern (alerts) over the repositories; it knows no stage, route or entry point.',
    ),
    onlyImports(
      'sources-fetch-and-normalise',
      'sources',
      ['domain', 'config', 'egress', 'sources'],
      'A connector fetches through the guarded client and normalises; it scores nothing, writes nothing (the poll stage stores) and knows no queue, service, worker, route or entry point.',
    ),
    onlyImports(
      'notify-is-a-service',
      'notify',
      ['domain', 'analysis', 'config', 'store', 'queue', 'egress', 'notify'],
      'Notification messages and signing know no worker, route or entry point.',
    ),
    onlyImports(
      'workers-below-the-api',
      'workers',
      [...BELOW_STAGES, 'workers'],
      'Stages, the scheduler and the sweeper never reach into the API or an entry point.',
    ),
    onlyImports(
      'api-calls-services-not-workers',
      'api',
      [...BELOW_STAGES, 'api'],
      'A route calls services and repositories; work shared with a stage belongs in a service.',
    ),
    {
      name: 'entry-points-are-leaves',
      comment: 'main.ts, cli/ and scripts/ start things; nothing of the product imports them.',
      severity: 'error',
      from: { pathNot: `${LAYERS.scripts}|${LAYERS.test}` },
      to: { path: `${LAYERS.main}|${LAYERS.cli}|${LAYERS.scripts}` },
    },
    {
      name: 'web-takes-only-types-from-the-server',
      comment:
        "The browser app (web/, built by Vite into static files) uses the server's types and schemas' types, never its code, but for the shared names (domain/vocabulary.ts).",
      severity: 'error',
      from: { path: LAYERS.web },
      to: {
        path: '^(?!web/|node_modules/)[^/]+/|^main\\.ts$',
        pathNot: VOCABULARY,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'vocabulary-imports-nothing',
      comment:
        'The names the web app bundles from the server (domain/vocabulary.ts) stand alone: an import there would bring server code into the browser.',
      severity: 'error',
      from: { path: VOCABULARY },
      to: { dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-tests-in-the-product',
      comment: 'Test helpers and fixtures stay out of what ships.',
      severity: 'error',
      from: { pathNot: LAYERS.test },
      to: { path: LAYERS.test },
    },
    {
      name: 'no-dev-dependencies-in-the-product',
      comment: 'What ships must run from `npm ci --omit=dev` (the Dockerfile).',
      severity: 'error',
      // web/ is built into dist/web at build time (Vite, Preact, uPlot): none of it runs in Node.
      from: { pathNot: `${LAYERS.test}|${LAYERS.scripts}|${LAYERS.web}|${TOOLING}` },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true, // type-only imports count: they couple files as much as others
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.earshot|tools)/' },
  },
};
