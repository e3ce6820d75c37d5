// A verification report as DOM, for the page and for the printable copy. Every value from a
// certificate or the hub goes in as text, never as markup.
import { accuracyText, type Bilingual, CHECKS, entries, formatTime, TEXT } from './messages.js';
import type { Attested, CheckLine, DepositReport, Report } from './report.js';

type Child = Node | string | undefined;

export function h(doc: Document, tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== undefined) el.append(c);
  return el;
}

/** Chinese first, English after it, as every label on the page. */
export function both(doc: Document, text: Bilingual, tag = 'span'): HTMLElement {
  return h(doc, tag, {}, h(doc, 'span', { lang: 'zh-CN' }, text.zh), ' ', h(doc, 'span', { lang: 'en', class: 'en' }, text.en));
}

function note(doc: Document, text: Bilingual, name: string): HTMLElement {
  const p = both(doc, text, 'p');
  p.className = 'caveat-note';
  p.dataset.note = name;
  return p;
}

function fact(doc: Document, label: Bilingual, value: string, name: string): Node[] {
  return [h(doc, 'dt', {}, both(doc, label)), h(doc, 'dd', { 'data-fact': name }, value)];
}

function trustedTimeText(t: NonNullable<Attested['trustedTime']>): string {
  if (t === 'pending') return `${TEXT.trustedTimePending.zh} · ${TEXT.trustedTimePending.en}`;
  return `${formatTime(t.genTime)}${accuracyText(t.accuracyMs)} · ${t.tsa}`;
}

function facts(doc: Document, digest: string, a: Attested | undefined): HTMLElement {
  const dl = h(doc, 'dl', { class: 'facts' });
  dl.append(...fact(doc, TEXT.fileDigest, digest, 'digest'));
  if (a === undefined) return dl;
  if (a.title !== undefined) dl.append(...fact(doc, TEXT.title, a.title, 'title'));
  dl.append(
    ...fact(doc, TEXT.depositor, a.depositor, 'depositor'),
    ...fact(doc, TEXT.time, formatTime(a.timestamp), 'time'),
    ...(a.trustedTime === undefined ? [] : fact(doc, TEXT.trustedTime, trustedTimeText(a.trustedTime), 'trusted-time')),
    ...fact(doc, TEXT.position, `第 ${a.seq} 条 · entry ${a.seq}`, 'position'),
    ...fact(doc, TEXT.kind, a.kind, 'kind'),
  );
  if (a.treeSize !== undefined) {
    dl.append(...fact(doc, TEXT.checkpoint, `${a.origin} · ${a.treeSize} 条记录 · ${entries(a.treeSize)} · root ${a.rootHash}`, 'checkpoint'));
  }
  return dl;
}

function checkItem(doc: Document, c: CheckLine): HTMLElement {
  const title = `${CHECKS[c.name].title.zh} · ${CHECKS[c.name].title.en}`;
  return h(
    doc,
    'li',
    { class: `check ${c.ok ? 'pass' : 'fail'}`, 'data-check': c.name, 'data-ok': String(c.ok) },
    h(doc, 'span', { class: 'mark', 'aria-hidden': 'true' }, c.ok ? '✓' : '✗'),
    h(doc, 'span', { class: 'visually-hidden' }, `${(c.ok ? TEXT.passed : TEXT.failed).zh} ${(c.ok ? TEXT.passed : TEXT.failed).en}`),
    h(
      doc,
      'div',
      {},
      h(doc, 'strong', {}, title),
      h(doc, 'p', { lang: 'zh-CN' }, c.words.zh),
      h(doc, 'p', { lang: 'en', class: 'en' }, c.words.en),
      h(doc, 'p', { class: 'detail' }, c.detail),
    ),
  );
}

function verdictHeading(doc: Document, ok: boolean, fileChecked = true): HTMLElement {
  if (!ok) return h(doc, 'h2', { class: 'verdict' }, '✗ ', both(doc, TEXT.notVerified));
  // No tick for a deposit on record: nothing was checked against a file.
  return fileChecked ? h(doc, 'h2', { class: 'verdict' }, '✓ ', both(doc, TEXT.verified)) : h(doc, 'h2', { class: 'verdict' }, both(doc, TEXT.depositOnly));
}

/**
 * One deposit's card: the verdict, what it attests, each check. A pass against the hub's own key
 * is marked as resting on the hub; a failed card's facts are marked as unverified claims; a pass
 * with no file fingerprinted here says a deposit is on record and asks for the file.
 */
export function depositCard(doc: Document, report: Report, deposit: DepositReport): HTMLElement {
  const hubKeyOnly = deposit.ok && report.keyFromHub;
  const verdict = !deposit.ok ? 'fail' : report.fileChecked ? 'pass' : 'deposit-only';
  return h(
    doc,
    'article',
    {
      class: verdict === 'deposit-only' ? 'deposit caveat' : `deposit ${verdict}${hubKeyOnly ? ' caveat' : ''}`,
      'data-verdict': verdict,
      'data-key-source': report.keyFromHub ? 'hub' : 'user',
      ...(deposit.attested ? { 'data-seq': String(deposit.attested.seq) } : {}),
    },
    verdictHeading(doc, deposit.ok, report.fileChecked),
    verdict === 'deposit-only' ? note(doc, TEXT.fileNeeded, 'file-needed') : undefined,
    hubKeyOnly ? note(doc, TEXT.keyFromHubCaveat, 'key-caveat') : undefined,
    !deposit.ok && deposit.attested !== undefined ? note(doc, TEXT.unverifiedFacts, 'facts-caveat') : undefined,
    facts(doc, report.contentDigest, deposit.attested),
    h(doc, 'ol', { class: 'checks' }, ...deposit.checks.map((c) => checkItem(doc, c))),
  );
}

/** The card for a digest the hub holds no deposit of. */
export function notFoundCard(doc: Document, report: Report, notFound: CheckLine): HTMLElement {
  return h(
    doc,
    'article',
    { class: 'deposit fail', 'data-verdict': 'fail' },
    verdictHeading(doc, false),
    facts(doc, report.contentDigest, undefined),
    h(doc, 'ol', { class: 'checks' }, checkItem(doc, notFound)),
  );
}
