// Benchmark dispatcher: `npm run bench -- <name> [args...]` runs bench/<name>.ts's run(args).
interface Benchmark {
  run(args: string[]): Promise<void>;
}

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  ledger: () => import('./ledger.js'),
  pdf: () => import('./pdf.js'),
  gateway: () => import('./gateway.js'),
  page: () => import('./page.js'),
  load: () => import('./load.js'),
  scale: () => import('./scale.js'),
  import: () => import('./import.js'),
  notify: () => import('./notify.js'),
};

const [name, ...args] = process.argv.slice(2);
if (name === undefined) {
  console.log(`usage: npm run bench -- <name> [args...]\navailable: ${Object.keys(BENCHMARKS).join(', ')}`);
} else if (!Object.hasOwn(BENCHMARKS, name)) {
  console.error(`unknown benchmark ${JSON.stringify(name)}; available: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
} else {
  await (await BENCHMARKS[name]!()).run(args);
}
