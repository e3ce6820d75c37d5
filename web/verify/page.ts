// The verification page (/verify): a file is fingerprinted here, its certificates checked here
// with ledger/verify against the keys the court enters; the hub is only asked for certificates
// and for proof that its log still extends them.
import { HubApi } from '../../client/hub-api.js';
import { pemCertificates, readCertificateBytes } from '../../ledger/verify/index.js';
import { formatTlogProof } from '../../ledger/verify/index.js';
import { fileDigest } from '../file-digest.js';
import { type Bilingual, TEXT } from './messages.js';
import { certificateFileName, certificateJson, printableReport } from './printable.js';
import { both, depositCard, h, notFoundCard } from './render.js';
import { buildReport, type DepositReport, type Report, ReportInputError } from './report.js';

const hub = new HubApi(location.origin);
const STORAGE = 'iphub.verify.';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};
const fileInput = byId<HTMLInputElement>('file');
const drop = byId('drop');
const progress = byId<HTMLProgressElement>('progress');
const digestInput = byId<HTMLInputElement>('digest');
const certificateInput = byId<HTMLInputElement>('certificate');
const certificateName = byId('certificate-name');
const clearCertificate = byId<HTMLButtonElement>('certificate-clear');
const trustedKey = byId<HTMLInputElement>('trusted-key');
const trustedKeyNote = byId('trusted-key-note');
const witnessKeys = byId<HTMLTextAreaElement>('witness-keys');
const minWitnesses = byId<HTMLInputElement>('min-witnesses');
const tsaRoots = byId<HTMLTextAreaElement>('tsa-roots');
const tsaRootsNote = byId('tsa-roots-note');
const verifyButton = byId<HTMLButtonElement>('verify');
const status = byId('status');
const results = byId('results');

let certificate: unknown;
/** The name of the file last fingerprinted, while the digest field still holds its digest. */
let fileName: string | undefined;
/** Whether the trusted key is the one the hub stated, not one the user gave. */
let keyFromHub = false;
/** Bumped by each new file or lookup: an older one still running then shows nothing. */
let latest = 0;
/** While a file is being fingerprinted, nothing is checked: the digest field is not yet its. */
let hashing = false;

function say(text: Bilingual | undefined, kind: 'info' | 'error' = 'info', extra = ''): void {
  status.className = kind;
  status.replaceChildren(...(text === undefined ? [] : [both(document, text), extra]));
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h(document, 'a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function button(label: Bilingual, action: string, onClick: () => void): HTMLElement {
  const b = h(document, 'button', { type: 'button', 'data-action': action }, both(document, label));
  b.addEventListener('click', onClick);
  return b;
}

function actions(report: Report, deposit: DepositReport): HTMLElement {
  return h(
    document,
    'div',
    { class: 'actions' },
    button(TEXT.downloadJson, 'download-json', () => download(certificateFileName(deposit), 'application/json', certificateJson(deposit))),
    button(TEXT.downloadTlogProof, 'download-tlog-proof', () =>
      download(certificateFileName(deposit).replace(/\.json$/, '.tlog-proof'), 'text/plain;charset=utf-8', formatTlogProof(deposit.certificate)),
    ),
    button(TEXT.downloadPrintable, 'download-printable', () =>
      download(certificateFileName(deposit).replace(/\.json$/, '.html'), 'text/html;charset=utf-8', printableReport(report, deposit)),
    ),
    button(TEXT.print, 'print', () => window.print()),
  );
}

function show(report: Report): void {
  const cards = report.deposits.map((d) => {
    const card = depositCard(document, report, d);
    card.append(actions(report, d));
    return card;
  });
  if (report.notFound !== undefined) cards.push(notFoundCard(document, report, report.notFound));
  results.replaceChildren(...cards);
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

async function run(): Promise<void> {
  if (hashing) return;
  const mine = ++latest;
  results.replaceChildren();
  await keysReady;
  const min = Number(minWitnesses.value.trim() || '0');
  if (!Number.isSafeInteger(min) || min < 0) {
    say(TEXT.badMinWitnesses, 'error');
    return;
  }
  let roots: Uint8Array[];
  try {
    roots = tsaRoots.value.trim() === '' ? [] : pemCertificates(tsaRoots.value);
  } catch {
    say(TEXT.badTsaRoots, 'error');
    return;
  }
  verifyButton.disabled = true;
  try {
    say(TEXT.lookingUp);
    const report = await buildReport(digestInput.value, {
      certificate,
      hub,
      trustedKeys: lines(trustedKey.value),
      witnessKeys: lines(witnessKeys.value),
      minWitnesses: min,
      tsaRoots: roots,
      keyFromHub,
      fileName,
    });
    if (mine !== latest) return;
    say(undefined);
    show(report);
  } catch (err) {
    if (mine !== latest) return;
    if (err instanceof ReportInputError) say(TEXT.badDigest, 'error');
    else say(TEXT.hubError, 'error', `: ${(err as Error).message}`);
  } finally {
    if (mine === latest) verifyButton.disabled = false;
  }
}

async function take(file: File | undefined): Promise<void> {
  if (file === undefined) return;
  const mine = ++latest;
  results.replaceChildren();
  digestInput.value = '';
  fileName = undefined;
  hashing = true;
  verifyButton.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  say(TEXT.hashing);
  let digest: string | undefined;
  try {
    digest = await fileDigest(
      file,
      (read) => (progress.value = file.size === 0 ? 100 : (read / file.size) * 100),
      () => mine !== latest,
    );
  } catch (err) {
    if (mine === latest) say(TEXT.readError, 'error', `: ${(err as Error).message}`);
    return;
  } finally {
    if (mine === latest) {
      hashing = false;
      verifyButton.disabled = false;
      progress.hidden = true;
    }
  }
  if (digest === undefined || mine !== latest) return;
  digestInput.value = digest;
  fileName = file.name;
  await run();
}

/** The TSA roots the user saved, else those the hub states (said so beside them). */
async function initTsaRoots(): Promise<void> {
  const saved = localStorage.getItem(`${STORAGE}tsaRoots`);
  if (saved !== null && saved.trim() !== '') {
    tsaRoots.value = saved;
    tsaRootsNote.replaceChildren(both(document, TEXT.savedRootsNote));
    return;
  }
  const stated = await hub.timestampRoots();
  if (stated.length === 0 || tsaRoots.value.trim() !== '') return;
  tsaRoots.value = stated.join('');
  tsaRootsNote.replaceChildren(both(document, TEXT.tsaRootsNote));
}

async function initKeys(): Promise<void> {
  witnessKeys.value = localStorage.getItem(`${STORAGE}witnessKeys`) ?? '';
  minWitnesses.value = localStorage.getItem(`${STORAGE}minWitnesses`) ?? '0';
  // The roots are asked for beside the key; a hub that cannot say leaves the field empty.
  const roots = initTsaRoots().catch(() => undefined);
  const saved = localStorage.getItem(`${STORAGE}trustedKey`);
  if (saved !== null && saved !== '') {
    trustedKey.value = saved;
    trustedKeyNote.replaceChildren(both(document, TEXT.savedKeyNote));
    await roots;
    return;
  }
  try {
    const stated = await hub.verifierKey();
    // A key the user typed meanwhile stands.
    if (trustedKey.value.trim() === '') {
      trustedKey.value = stated;
      keyFromHub = true;
      trustedKeyNote.replaceChildren(both(document, TEXT.hubKeyNote));
    }
  } catch (err) {
    say(TEXT.hubError, 'error', `: ${(err as Error).message}`);
  }
  await roots;
}

const keysReady = initKeys();
trustedKey.addEventListener('input', () => {
  keyFromHub = false;
  trustedKeyNote.replaceChildren();
});
trustedKey.addEventListener('change', () => {
  localStorage.setItem(`${STORAGE}trustedKey`, trustedKey.value.trim());
  keyFromHub = false;
  trustedKeyNote.replaceChildren(both(document, TEXT.savedKeyNote));
});
witnessKeys.addEventListener('change', () => localStorage.setItem(`${STORAGE}witnessKeys`, witnessKeys.value));
minWitnesses.addEventListener('change', () => localStorage.setItem(`${STORAGE}minWitnesses`, minWitnesses.value));
tsaRoots.addEventListener('change', () => {
  localStorage.setItem(`${STORAGE}tsaRoots`, tsaRoots.value);
  tsaRootsNote.replaceChildren(both(document, TEXT.savedRootsNote));
});

fileInput.addEventListener('change', () => void take(fileInput.files?.[0]));
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void take(e.dataTransfer?.files[0]);
});
digestInput.addEventListener('input', () => (fileName = undefined));
digestInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') void run();
});
verifyButton.addEventListener('click', () => void run());

certificateInput.addEventListener('change', async () => {
  const file = certificateInput.files?.[0];
  if (file === undefined) return;
  try {
    // The certificate's PDF (which carries it: pdf-lib is fetched only for one), the JSON
    // certificate, or its C2SP tlog-proof form.
    certificate = await readCertificateBytes(new Uint8Array(await file.arrayBuffer()));
  } catch {
    certificate = undefined;
    certificateInput.value = '';
    certificateName.replaceChildren();
    clearCertificate.hidden = true;
    say(TEXT.badCertificate, 'error');
    return;
  }
  certificateName.replaceChildren(both(document, TEXT.certificateLoaded), `: ${file.name}`);
  clearCertificate.hidden = false;
  if (digestInput.value.trim() !== '') await run();
});
clearCertificate.addEventListener('click', () => {
  certificate = undefined;
  certificateInput.value = '';
  certificateName.replaceChildren();
  clearCertificate.hidden = true;
});

// A link from the hub's pages (a court's case file, an enterprise's certificate) names the digest
// to check: /verify?digest=<hex>. The check itself still runs here, against the key you trust.
const linked = new URLSearchParams(location.search).get('digest');
if (linked !== null && linked.trim() !== '') {
  digestInput.value = linked.trim();
  void run();
}
