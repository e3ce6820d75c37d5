// GET /certificates/<seq>.pdf: a deposit's certificate as a PDF (存证证书) for whoever may read the
// deposit, found by its ledger entry's seq (evidenceBySeq, scope-checked as evidence(id:) is) and
// rendered on a worker thread (web/certificate/renderers.ts). The gateway bounds it
// (gateway/server.ts: rate limit, admission) before it runs.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type Certificate, statedTrustedTimes } from '../ledger/verify/index.js';
import { HttpError } from '../platform/http.js';
import type { Identity } from '../platform/identity.js';
import { categoryLabel } from '../web/certificate/categories.js';
import type { CertificatePdfInput } from '../web/certificate/content.js';

/** The path's form: a seq, decimal without leading zeroes, within GraphQL's Int (as LedgerReceipt.seq is). */
const PATH = /^\/certificates\/(0|[1-9][0-9]{0,9})\.pdf$/;
const MAX_SEQ = 2 ** 31 - 1;

const DEPOSIT = `query CertificatePdf($seq: Int!) {
  evidenceBySeq(seq: $seq) {
    title
    category
    contentDigest
    depositor { name uscc }
    certificate
    tlogProof
  }
}`;

interface Deposit {
  readonly title: string;
  readonly category: string;
  readonly contentDigest: string;
  readonly depositor: { readonly name: string; readonly uscc: string } | null;
  readonly certificate: Certificate;
  readonly tlogProof: string;
}

export interface CertificatePdfOptions {
  /** Runs a query in this process as the caller. */
  readonly query: <T>(query: string, variables: Record<string, unknown>, identity: Identity | undefined) => Promise<T>;
  /** Renders the PDF (off the event loop). */
  readonly render: (input: CertificatePdfInput) => Promise<Uint8Array>;
  /** The hub's public base URL (IPHUB_PUBLIC_URL) for the QR code; none without it. */
  readonly publicUrl: string | undefined;
}

/** The seq a /certificates/ path names, or 400 BAD_USER_INPUT saying what the path must be. */
export function certificateSeq(path: string): number {
  const seq = PATH.exec(path)?.[1];
  if (seq === undefined || Number(seq) > MAX_SEQ) {
    throw new HttpError(
      400,
      `the path names no certificate: ask for /certificates/<seq>.pdf, <seq> the deposit's ledger entry (a whole number from 0 to ${MAX_SEQ}, no leading zeroes)`,
      'BAD_USER_INPUT',
    );
  }
  return Number(seq);
}

/** The route's work once the gateway admitted the caller: 401 for no one, 404 for what the caller may not read. */
export function certificatePdfRoute(options: CertificatePdfOptions) {
  return async (req: IncomingMessage, res: ServerResponse, identity: Identity | undefined): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }).end('only GET and HEAD\n');
      return;
    }
    const seq = certificateSeq(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (identity === undefined) {
      throw new HttpError(401, "a deposit's certificate is its readers' alone: sign in, or send a partner key (Authorization: Bearer)", 'UNAUTHENTICATED');
    }
    const { evidenceBySeq: deposit } = await options.query<{ evidenceBySeq: Deposit | null }>(DEPOSIT, { seq }, identity);
    // An entry that records no deposit and a deposit the caller may not read answer alike.
    if (deposit === null) throw new HttpError(404, `no deposit at ledger entry ${seq} that you may read`, 'NOT_FOUND');
    const pdf = await options.render({
      certificate: deposit.certificate,
      // A reader who may not read the depositor (a respondent) sees the ledger's record of it.
      depositorName: deposit.depositor?.name ?? deposit.certificate.entry.depositor,
      ...(deposit.depositor === null ? {} : { depositorCreditCode: deposit.depositor.uscc }),
      title: deposit.title,
      category: categoryLabel(deposit.category),
      publicUrl: options.publicUrl,
      // Each token as it states itself: the ledger checked it before keeping it.
      trustedTimes: statedTrustedTimes(deposit.certificate),
      tlogProof: deposit.tlogProof,
    });
    res
      .writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': String(pdf.byteLength),
        'content-disposition': `attachment; filename="iphub-certificate-${seq}.pdf"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
      .end(req.method === 'HEAD' ? undefined : pdf);
  };
}
