// Import rules (`npm run lint:imports`): no cycles anywhere, and the layers of docs/architecture.md ("Layers").
// src/: widget → state → session / call → api; each layer imports only downwards (type-only imports count too).
// Lit only in src/widget, Twilio only in src/call, and nothing in src/ reaches into sandbox/ or demo/.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order (and the lazy chunks) depend on who imports first.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'api-is-the-bottom-layer',
      severity: 'error',
      comment: 'src/api is the wire contract; it knows nothing of sessions, calls, state or the element.',
      from: { path: '^src/api/' },
      to: { path: '^src/(session|call|state|widget|cdn)/|^src/(events|index|define)[.]ts$' },
    },
    {
      name: 'session-and-call-below-state',
      severity: 'error',
      comment: 'The session and the call controller are driven by state; they never import it or the element.',
      from: { path: '^src/(session|call)/' },
      to: { path: '^src/(state|widget|cdn)/|^src/(events|index|define)[.]ts$' },
    },
    {
      name: 'state-below-widget',
      severity: 'error',
      comment: 'State is rendered by the element; it never imports the element.',
      from: { path: '^src/state/' },
      to: { path: '^src/(widget|cdn)/|^src/(index|define)[.]ts$' },
    },
    {
      name: 'lit-only-in-widget',
      severity: 'error',
      comment: 'Lit is the element layer; anything below it must run without a DOM framework.',
      // src/react.ts is the React adapter of the element (@lit/react), a layer above src/widget.
      from: { path: '^src/', pathNot: '^src/(widget/|react[.]ts$)' },
      to: { path: '^node_modules/(lit|lit-html|lit-element|@lit)/' },
    },
    {
      name: 'twilio-only-in-call',
      severity: 'error',
      comment: 'The Twilio SDK (45 KB gzip) is loaded lazily behind src/call; nothing else may import it.',
      from: { path: '^src/', pathNot: '^src/call/' },
      to: { path: '^node_modules/@twilio/' },
    },
    {
      name: 'src-is-self-contained',
      severity: 'error',
      comment: 'The published widget never depends on the sandbox, the demo, tests or scripts.',
      from: { path: '^src/' },
      to: { path: '^(sandbox|demo|test|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/|^test/e2e/fixtures/spa/' },
    // Type-only imports are imports too: a layer must not even name the types of the one above it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
