// The printable copy of a verification: a standalone HTML page with the verdict, the checks, how
// to re-check it and the certificate itself, for the case file.
import { TEXT } from './messages.js';
import { formatTime } from './messages.js';
import { both, depositCard, h } from './render.js';
import type { DepositReport, Report } from './report.js';

const PRINT_CSS = `
body { font: 14px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #000; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.5em; border-bottom: 2px solid #000; padding-bottom: .3em; }
h2 { font-size: 1.15em; margin-top: 1.5em; }
.en { color: #444; }
.caveat-note { border-left: 4px solid #000; padding-left: .6em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.deposit { border: 1px solid #000; padding: 1em; }
.verdict { margin-top: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1em; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; word-break: break-all; }
.checks { list-style: none; padding: 0; }
.check { display: flex; gap: .6em; border-top: 1px solid #ccc; padding: .5em 0; }
.check p { margin: .1em 0; }
.mark { font-weight: bold; font-size: 1.2em; }
.detail { font-size: .85em; color: #555; word-break: break-all; }
pre { white-space: pre-wrap; word-break: break-all; font-size: .75em; border: 1px solid #ccc; padding: .6em; }
@media print { body { margin: 0; max-width: none; } .deposit { break-inside: avoid; } }
`;

export function certificateFileName(deposit: DepositReport): string {
  return `iphub-certificate-${deposit.attested?.seq ?? 'unknown'}.json`;
}

export function certificateJson(deposit: DepositReport): string {
  return `${JSON.stringify(deposit.certificate, null, 2)}\n`;
}

/** A POSIX shell word that stands for `s` whatever it holds. */
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The iphub command that re-checks this deposit from the downloaded certificate. */
export function recheckCommand(report: Report, deposit: DepositReport): string {
  const words = [
    'npx iphub verify',
    '--file',
    report.fileName === undefined ? '<file>' : shellQuote(report.fileName),
    '--certificate',
    certificateFileName(deposit),
  ];
  for (const k of report.trustedKeys) words.push('--trusted-key', shellQuote(k));
  if (report.minWitnesses > 0) {
    for (const k of report.witnessKeys) words.push('--witness-key', shellQuote(k));
    words.push('--min-witnesses', String(report.minWitnesses));
  }
  return words.join(' ');
}

export function printableReport(report: Report, deposit: DepositReport): string {
  const title = `${TEXT.report.zh} · ${TEXT.report.en}`;
  // Only the body is built as DOM: a <style> element made in the page would meet its CSP.
  const doc = document.implementation.createHTMLDocument(title);
  doc.body.append(
    h(doc, 'h1', {}, both(doc, TEXT.report)),
    h(doc, 'p', {}, both(doc, TEXT.checkedAt), '：', formatTime(report.checkedAt)),
    ...(report.fileName === undefined ? [] : [h(doc, 'p', {}, both(doc, TEXT.file), '：', report.fileName)]),
    h(doc, 'p', {}, both(doc, TEXT.trustedKey), '：', report.trustedKeys.join(', ') || '—'),
    depositCard(doc, report, deposit),
    h(doc, 'h2', {}, both(doc, TEXT.reverify)),
    h(doc, 'pre', { class: 'recheck' }, recheckCommand(report, deposit)),
    h(doc, 'h2', {}, '证书 Certificate'),
    h(doc, 'pre', { class: 'certificate' }, certificateJson(deposit)),
  );
  const head = `<meta charset="utf-8"><title>${title}</title><style>${PRINT_CSS}</style>`;
  return `<!doctype html>\n<html lang="zh-CN"><head>${head}</head>${doc.body.outerHTML}</html>\n`;
}
